import { createRequire } from 'node:module';
import type cliProgressType from 'cli-progress';

const require = createRequire(import.meta.url);

export interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

/** A progress bar on a terminal; silent when output is not a terminal or in tests. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { start() {}, update() {}, stop() {} };
  // Loaded only for a terminal, so the server never loads it.
  const cliProgress = require('cli-progress') as typeof cliProgressType;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{label} [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };
