/*
 * The one configuration of every property test (fast-check): a failure names its seed and path and
 * the command line that replays it, and FC_SEED (with FC_PATH) replays it. Vitest installs it
 * globally before each test file (`property-setup.ts`, listed in vitest.config.ts), so a property
 * test passes only what is its own (numRuns, endOnFailure) and never a seed or a reporter.
 */
import path from 'node:path';
import fc, { type Parameters, type RunDetails } from 'fast-check';
import { expect } from 'vitest';

type Env = Record<string, string | undefined>;

/** The replay settings of the environment: FC_SEED (an integer) and FC_PATH (only with a seed). */
export function replaySettings(env: Env = process.env): { seed?: number; path?: string } {
  const seedText = env.FC_SEED?.trim();
  const path = env.FC_PATH?.trim();
  if (!seedText) {
    if (path) throw new Error('FC_PATH replays a run only together with its FC_SEED');
    return {};
  }
  const seed = Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${seedText}"`);
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new Error(`FC_PATH must look like 12:0:3, got "${path}"`);
  return path ? { seed, path } : { seed };
}

/**
 * fast-check's own report of a failed run (seed, path, counterexample, error) with the line that
 * replays it; undefined when the run did not fail.
 */
export function propertyReport<T>(details: RunDetails<T>): string | undefined {
  const message = fc.defaultReportMessage(details);
  if (!details.failed || message === undefined) return undefined;
  const at = details.counterexamplePath;
  const replay = at ? `FC_SEED=${details.seed} FC_PATH=${at}` : `FC_SEED=${details.seed}`;
  return `${message}\n\nReplay: ${replay} npx vitest run ${currentTest()}`;
}

/** The running test as vitest's command line selects it: its file and a pattern of its name. */
function currentTest(): string {
  const { testPath, currentTestName } = expect.getState();
  const file = testPath ? path.relative(process.cwd(), testPath) : '<test file>';
  const name = currentTestName?.split(' > ').at(-1);
  return `${file} -t '${name ? name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'\\''") : '<test name>'}'`;
}

/** Throws a failed run's report, with the property's own error as the cause. */
function reportFailure<T>(details: RunDetails<T>): void {
  const report = propertyReport(details);
  if (report === undefined) return;
  throw new Error(report, { cause: details.errorInstance });
}

/** The parameters every property test runs with: the replay settings and the reporter above. */
export function propertyParameters<Ts = unknown>(env: Env = process.env): Parameters<Ts> {
  return { ...replaySettings(env), reporter: reportFailure<Ts> };
}
