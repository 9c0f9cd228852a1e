/* What other modules use of the security analysis: the demo analysis. */
export { addDemoSecurityAnalysis } from './security-analysis.demo.ts';
export { listAnalysisEventLinks } from './security-analysis.consistency.ts';
export { queueLatePhaseMails } from './late-phases.mail.ts';
export { listAnalyses } from './analyses.service.ts';
