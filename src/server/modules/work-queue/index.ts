/* The work queue is read by the web app only; no other module uses it. */
export { workQueueRoutes } from './work-queue.routes.ts';
