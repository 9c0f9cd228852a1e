import { z } from 'zod';
import { AppError } from '../http/problem.ts';

/** The message a failed command prints: the problem's German detail and field errors, or Zod's issues. */
export function explain(err: unknown): string {
  if (err instanceof AppError) {
    const fields = err.fieldErrors?.map((f) => `  ${f.field}: ${f.message.de}`).join('\n');
    return [err.detail?.de ?? err.message, fields].filter(Boolean).join('\n');
  }
  if (err instanceof z.ZodError) return err.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  return err instanceof Error ? err.message : String(err);
}
