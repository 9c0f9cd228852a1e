import { z } from 'zod';
import { personExportSchema } from './organisations.schema.ts';

/*
 * The mentions of a person in free texts and in the audit trail, as the GDPR export (Art. 15/20)
 * lists them: what an erasure (Art. 17) would redact. See decision 013.
 */

/** Where a person is mentioned in a text: the table, the record, the column and a short excerpt around the mention. */
export const personMentionSchema = z.object({
  table: z.string(),
  recordId: z.string().describe('The id of the record (for a key of several columns, its parts joined by "/")'),
  column: z.string(),
  excerpt: z.string(),
});
export type PersonMention = z.infer<typeof personMentionSchema>;

/** Everything the system holds about one person, with every mention of the person. */
export const personExportWithMentionsSchema = personExportSchema.extend({
  mentions: z
    .array(personMentionSchema)
    .describe(
      "Every mention of the person's name, e-mail address or phone number in free texts and the audit trail (what an erasure redacts)",
    ),
});
export type PersonExportWithMentions = z.infer<typeof personExportWithMentionsSchema>;
