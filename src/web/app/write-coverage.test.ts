import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type WriteCall, findWriteCalls, operationOf, readWebSources, writeOperationsOf } from './write-coverage.analysis.ts';

/*
 * A screen for every action (decision 034): every write operation of the OpenAPI document is reached
 * from a page of the web app, except the API-only operations below, each with its reason.
 */

const ROOT = join(import.meta.dirname, '../../..');

/** Operations meant for programs and operators, not for a page. Keep it short; every entry says why. */
const API_ONLY: Record<string, string> = {
  'POST /api/alliance/history/import':
    'The one-off import of the historical alliance register (events before Praevis), run by the operator through the CLI (`praevis import history`) or this call.',
};

/**
 * Operations whose screen does not exist yet (issue 16, "a screen for every action"). This list only
 * shrinks: an entry that a page reaches fails the test until it is removed here.
 */
const MISSING_SCREENS: readonly string[] = [];

const operations = writeOperationsOf(JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')) as never);

/** The document operations reached from a page, given the web sources. */
function reachedBy(calls: WriteCall[]): Set<string> {
  return new Set(calls.filter((c) => c.reached).flatMap((c) => operationOf(c.operation, operations) ?? []));
}

describe('a screen for every write operation', () => {
  let sources: Map<string, string>;
  let calls: WriteCall[];
  beforeAll(() => {
    sources = readWebSources(ROOT);
    calls = findWriteCalls(ROOT, sources);
  }, 600_000); // building a TypeScript program of the web app takes a minute or more on a busy machine

  it('finds the write operations of the document', () => {
    expect(operations.length).toBeGreaterThan(90);
    expect(operations).toContain('PATCH /api/councils/{}/members/{}');
  });

  it('reaches every write operation from a page, but the API-only ones and the listed missing screens', () => {
    const reached = reachedBy(calls);
    const unreached = operations.filter((op) => !reached.has(op) && !(op in API_ONLY) && !MISSING_SCREENS.includes(op));
    expect(unreached, 'write operations no page reaches: add a screen, or (rarely) an API_ONLY entry with its reason').toEqual([]);
  });

  it('keeps the exception lists true: every entry exists in the document and no page reaches it', () => {
    const reached = reachedBy(calls);
    for (const op of [...Object.keys(API_ONLY), ...MISSING_SCREENS]) {
      expect(operations, `${op} is not in the document`).toContain(op);
      expect(reached.has(op), `${op} is reached from a page now: remove it from the list`).toBe(false);
    }
    for (const reason of Object.values(API_ONLY)) expect(reason.length).toBeGreaterThan(20);
  });

  it('calls only write operations the document has', () => {
    const strays = calls.filter((c) => operationOf(c.operation, operations) === null).map((c) => `${c.operation} (${c.file}, ${c.owner})`);
    expect(strays).toEqual([]);
  });

  it('counts a hook only when a page uses it: without the meeting page, recording a meeting is unreached', () => {
    const op = 'PATCH /api/meetings/{}';
    expect(reachedBy(calls).has(op)).toBe(true);
    const without = new Map(sources);
    const page = 'src/web/features/councils/pages/meeting-page.tsx';
    expect(without.delete(page)).toBe(true);
    // The router loads the page lazily by path; drop the reference so the program stays whole.
    for (const [f, text] of without) if (text.includes('meeting-page')) without.set(f, text.replace(/.*meeting-page.*\n/g, ''));
    expect(reachedBy(findWriteCalls(ROOT, without)).has(op)).toBe(false);
  }, 600_000);
});
