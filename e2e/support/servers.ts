/*
 * Praevis servers for the browser tests, each a child process on its own SQLite file (see
 * start-server.ts): the shared one of global setup, and a test's own server for a test whose
 * assertions cover the whole state (statewide figures, the public page's one switch), which no
 * other test may move while it runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_READY } from './accounts.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The seeded database global setup leaves for the tests' own servers (set in its environment). */
export const TEMPLATE_ENV = 'PRAEVIS_E2E_TEMPLATE';

export interface E2eServer {
  url: string;
  /** The server's own SQLite file, for the `praevis` command run beside it. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Waits for the server's ready line and returns its URL. */
function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`e2e server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(new RegExp(`${E2E_READY} (\\S+)`));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
      process.stderr.write(c);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e server exited with code ${code}:\n${output}`));
    });
  });
}

/**
 * Starts a server on a fresh SQLite file in a new temporary folder and waits until it listens.
 * `template` is the seeded database to copy (or, when it does not exist yet, to write).
 */
export async function startE2eServer(template: string, timeoutMs = 60_000, env: Record<string, string> = {}): Promise<E2eServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'e2e/support/start-server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: path.join(dir, 'praevis.db'),
      WEB_DIST: path.join(root, 'dist/web'),
      NODE_ENV: 'test',
      [TEMPLATE_ENV]: template,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { url: await waitForReady(child, timeoutMs), databaseUrl: path.join(dir, 'praevis.db'), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A server of the test's own on a copy of the seeded database global setup left. */
export function startOwnServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const template = process.env[TEMPLATE_ENV];
  if (!template || !fs.existsSync(template)) throw new Error(`${TEMPLATE_ENV} names no seeded database: did global setup run?`);
  return startE2eServer(template, 60_000, env);
}
