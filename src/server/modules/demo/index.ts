/* The demo data of every module, composed (`praevis demo`). */
export { addDemoData, type FullDemoSummary } from './demo.service.ts';
