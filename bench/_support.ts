import { spawn } from 'node:child_process';
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Fires requests at one URL for a few seconds with autocannon and returns throughput and latency. */
export async function load(
  label: string,
  url: string,
  opts: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const r = await autocannon({ url, connections: opts.connections ?? 32, duration: opts.seconds ?? 5, headers: opts.headers });
  return { label, requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** Prints load results as an aligned table. */
export function printLoad(rows: LoadResult[]): void {
  const head = ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'];
  const lines = rows.map((r) => [
    r.label,
    r.requestsPerSec.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors),
    String(r.non2xx),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const l of [head, ...lines]) process.stdout.write(`${l.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
}

/**
 * Starts a bench server script (bench/_*-server.ts) in its own process, so the load generator does
 * not share its event loop; the script prints one JSON line `{ url, cookie }` once it listens.
 */
export async function startBenchServer(
  script: string,
  args: string[],
): Promise<{ url: string; cookie: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ url: string; cookie: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`bench server ${script} exited with ${code}`)));
  });
  return {
    ...info,
    stop: () =>
      new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
