/* What other modules use of the councils: problem fields and prevention areas (from a security analysis), and the demo councils. */
export { addDemoCouncils, type CouncilDemoSummary } from './councils.demo.ts';
export { createPriority } from './priorities.service.ts';
export { listCouncilEventLinks } from './councils.consistency.ts';
export { type DigestRecipient, queueTaskDigest } from './digest.service.ts';
export { listCouncils } from './councils.service.ts';
export { listMeetings } from './meetings.service.ts';
