import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ErrorReport } from '../lib/api-client.ts';

// The i18n module names the page's language on <html>; these tests run without a page.
vi.stubGlobal('document', { documentElement: { lang: '' } });
const { parseOrReport } = await import('./form-support.tsx');
const { i18n, i18nReady } = await import('../lib/i18n.ts');

const schema = z.object({ name: z.string().trim().min(1), email: z.email() });

describe('parseOrReport', () => {
  beforeAll(async () => {
    await i18nReady;
    await i18n.changeLanguage('de');
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('returns the parsed values and reports nothing when they pass', () => {
    const setReport = vi.fn<(r: ErrorReport) => void>();
    expect(parseOrReport(schema, { name: ' Anna ', email: 'anna@example.org' }, setReport)).toEqual({
      name: 'Anna',
      email: 'anna@example.org',
    });
    expect(setReport).not.toHaveBeenCalled();
  });

  it('returns null and reports one title with the errors per field when they fail', () => {
    const setReport = vi.fn<(r: ErrorReport) => void>();
    expect(parseOrReport(schema, { name: ' ', email: 'anna' }, setReport)).toBeNull();
    expect(setReport).toHaveBeenCalledWith({
      title: 'Bitte prüfen Sie Ihre Eingaben.',
      fields: { name: 'Bitte ausfüllen.', email: expect.any(String) as string },
      status: 400,
    });
  });
});
