/* The demo data of every module, composed (`praevis demo`), their label and their removal (decision 036). */
export { addDemoData, countDemoData, type FullDemoSummary, hasDemoData, removeDemoData } from './demo.service.ts';
export { demoRoutes, labelDemoExports } from './demo.routes.ts';
