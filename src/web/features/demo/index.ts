/* The "Demo-Daten" label that the dashboard and the public page show while demo data exist. */
export { DemoNotice, useDemoStatus } from './demo-notice.tsx';
