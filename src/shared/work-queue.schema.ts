import { z } from 'zod';

/*
 * The home page's work queue (decision 038): per role, what is waiting to be done. Each entry
 * counts the rows of one web list and links to it (`href`), so the list shows exactly `count`
 * rows; the first few records are linked to the place where each is done.
 */

export const WORK_QUEUE_KEYS = [
  // LPR staff and admins
  'applicationsSubmitted',
  'applicationsInReview',
  'analysesLate',
  'coachingDueToEnd',
  'agreementsWithoutDocument',
  'crimeImportsStale',
  // coordinators (and police for the meetings)
  'nextMeetings',
  'myApplications',
  'runningSurveys',
  // police
  'directorateMunicipalities',
] as const;
export const workQueueKeySchema = z.enum(WORK_QUEUE_KEYS);
export type WorkQueueKey = z.infer<typeof workQueueKeySchema>;

/** The thresholds of the queues, in calendar days of Europe/Berlin. */
export const WORK_QUEUE_RULES = {
  /** A coaching process has no planned end; its customary term is two years from its start. */
  coachingTermDays: 730,
  /** "Due to end": the customary term ends within this many days (or has passed). */
  coachingDueWithinDays: 30,
  /** Crime statistics are imported once a year: the newest import of a level older than this is stale. */
  crimeImportStaleDays: 365,
  /** How many records each entry names. */
  itemsShown: 5,
} as const;

export const workQueueItemSchema = z.object({
  label: z.string().describe('The record, in the language of the request'),
  href: z.string().describe('The web page where it is done'),
  due: z.string().nullable().describe('Its date (meeting, planned end, import), when it has one'),
});
export type WorkQueueItem = z.infer<typeof workQueueItemSchema>;

export const workQueueEntrySchema = z.object({
  key: workQueueKeySchema,
  subject: z.string().nullable().describe('What the entry is about when a key repeats (the council of the meetings)'),
  count: z.number().int().describe('Exactly the number of rows the list at href shows'),
  href: z.string().describe('The web list of exactly these records'),
  items: z.array(workQueueItemSchema).describe('The first few of them'),
});
export type WorkQueueEntry = z.infer<typeof workQueueEntrySchema>;

export const workQueueSchema = z.object({
  today: z.string().describe('The calendar day the queue was computed for'),
  entries: z.array(workQueueEntrySchema),
});
export type WorkQueue = z.infer<typeof workQueueSchema>;
