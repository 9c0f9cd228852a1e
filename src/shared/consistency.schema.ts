import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
type Text = { de: string; en: string };

/*
 * The contradictions `praevis check` and the admin page "Widersprüche" list (decision 026): each
 * names the record it concerns and links to the page where it can be resolved.
 */

export const CONTRADICTION_KINDS = [
  'event_without_record',
  'record_without_event',
  'date_in_future',
  'payment_before_request',
  'approval_without_review',
  'project_stage',
  'figures_invariant',
  'process_without_agreement',
] as const;
export const contradictionKindSchema = z.enum(CONTRADICTION_KINDS);
export type ContradictionKind = z.infer<typeof contradictionKindSchema>;

export const CONTRADICTION_KIND_LABELS: Record<ContradictionKind, Text> = {
  event_without_record: { de: 'Ereignis ohne Datensatz', en: 'Event without record' },
  record_without_event: { de: 'Datensatz ohne Ereignis', en: 'Record without event' },
  date_in_future: { de: 'Datum in der Zukunft', en: 'Date in the future' },
  payment_before_request: { de: 'Auszahlung vor der Anforderung', en: 'Payment before its request' },
  approval_without_review: { de: 'Bewilligung ohne abgeschlossene Begutachtung', en: 'Approval without a completed review' },
  project_stage: { de: 'Projektstand passt nicht zur Förderung', en: 'Project stage contradicts its funding' },
  figures_invariant: { de: 'Kennzahlen widersprechen sich', en: 'Figures contradict each other' },
  process_without_agreement: { de: 'Coaching/Analyse ohne Vereinbarung', en: 'Coaching/analysis without agreement' },
};

export const contradictionSchema = z.object({
  kind: contradictionKindSchema,
  /** The module whose record it is. */
  module: z.string(),
  /** The record: e.g. `alliance_event`, `council`, `coaching_process`, `funding_payment`. */
  recordType: z.string(),
  recordId: z.string(),
  ags: z.string().nullable(),
  date: z.string().nullable(),
  /** The web page of the record (a path of the app). */
  link: z.string(),
  de: z.string(),
  en: z.string(),
});
export type Contradiction = z.infer<typeof contradictionSchema>;

export const consistencyReportSchema = z.object({
  today: z.string(),
  total: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  items: z.array(contradictionSchema),
});
export type ConsistencyReport = z.infer<typeof consistencyReportSchema>;

/** A module record that should carry an alliance lifecycle event (decision 026). */
export interface EventLink {
  module: string;
  recordType: string;
  recordId: string;
  ags: string;
  /** The event type the record stands for. */
  eventType: 'council_constituted' | 'coaching_started' | 'coaching_ended' | 'analysis_started' | 'analysis_completed';
  /** The record's own date of it. */
  date: string;
  eventId: number | null;
  link: string;
  /** How the record is named in a message. */
  name: Text;
}

/** The download of the list ("Widersprüche"): CSV (German Excel unless asked otherwise) or XLSX. */
export const consistencyExportQuerySchema = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  dialect: csvDialectSchema,
});
