import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LoadResult {
  label: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
  /** Counts 304 Not Modified as an answer (a route asked with If-None-Match); otherwise only 2xx is. */
  accept304?: boolean;
  /** Sends this many requests instead of running for `seconds` (for routes that take seconds each). */
  amount?: number;
  /** How long one request may take before it counts as a timeout (autocannon's default: 10 s). */
  timeoutSeconds?: number;
}

/**
 * Refuses a run in which any answer was not 2xx (or 304 where asked), or any request failed or
 * timed out, or nothing was answered at all: its figures would measure the refusal (a 429, a 401,
 * a 5xx), not the route. Throws with the label and the statuses it saw.
 */
export function refuseUnlessAnswered(label: string, r: autocannon.Result, opts: { accept304?: boolean } = {}): void {
  const byStatus = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [Number(code), s.count ?? 0] as const);
  const accepted = (code: number) => (code >= 200 && code < 300) || (opts.accept304 === true && code === 304);
  const wrong = byStatus.filter(([code, n]) => n > 0 && !accepted(code));
  const answered = byStatus.filter(([code]) => accepted(code)).reduce((sum, [, n]) => sum + n, 0);
  // autocannon counts every status outside 2xx in non2xx; only the accepted 304s may explain it.
  const unexplained = r.non2xx - byStatus.filter(([code]) => code === 304 && opts.accept304 === true).reduce((sum, [, n]) => sum + n, 0);
  if (!wrong.length && unexplained <= 0 && r.errors === 0 && r.timeouts === 0 && answered > 0) return;
  const statuses = wrong.map(([code, n]) => `${n} × ${code}`).join(', ') || (unexplained > 0 ? `${unexplained} not 2xx` : 'none');
  throw new Error(
    `bench run refused: "${label}" (${r.url}) answered ${answered} of ${r.requests.sent} requests as ${opts.accept304 ? '2xx or 304' : '2xx'}; ` +
      `other statuses: ${statuses}; errors ${r.errors}, timeouts ${r.timeouts}. A figure over refused or failed answers measures no route.`,
  );
}

/**
 * Fires requests at one URL for a few seconds with autocannon and returns throughput and latency.
 * Throws (refuseUnlessAnswered) when any answer is not 2xx (or 304 with `accept304`).
 */
export async function load(label: string, url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections ?? 32,
    duration: opts.seconds ?? 5,
    amount: opts.amount,
    timeout: opts.timeoutSeconds,
    headers: opts.headers,
  });
  refuseUnlessAnswered(label, r, { accept304: opts.accept304 });
  return { label, requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** fetch that throws unless the answer has the expected status (200 unless told). */
export async function fetchOk(url: string, init: RequestInit = {}, status = 200): Promise<Response> {
  const res = await fetch(url, init);
  if (res.status !== status)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}, not ${status}: ${(await res.text()).slice(0, 300)}`);
  return res;
}

/**
 * Runs node with the arguments in the repository (as a user runs `praevis …`) and returns the
 * wall-clock time from spawn to exit; throws with its error output unless it exits 0.
 */
export function timeProcess(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - t;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 1000)}`));
    });
  });
}

/** Prints load results as an aligned table. */
export function printLoad(rows: LoadResult[]): void {
  const head = ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'];
  const lines = rows.map((r) => [
    r.label,
    // Slow routes (a few requests a second) keep a decimal, so they do not print as 0.
    r.requestsPerSec.toFixed(r.requestsPerSec < 10 ? 1 : 0),
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
