#!/usr/bin/env node
// Builds the web app (vite build → dist/web) only when its output is missing or older than a source.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'web');
// Every HTML file at the root is an entry of the build (index.html, the public pages; decision 020).
const entries = fs.readdirSync(root).filter((f) => f.endsWith('.html'));
const sources = ['src/web', 'src/shared', 'public', ...entries, 'vite.config.ts', 'vite.public-page.config.ts', 'package-lock.json'];

/** The newest modification time of a file, or of any file below a folder. */
function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function staleReason() {
  const missing = entries.find((e) => !fs.existsSync(path.join(dist, e)));
  if (missing) return `dist/web/${missing} fehlt / is missing`;
  const built = Math.min(...entries.map((e) => fs.statSync(path.join(dist, e)).mtimeMs));
  const changed = sources.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} ist neuer / is newer` : null;
}

const reason = staleReason();
if (!reason) {
  process.stdout.write('Web-App ist aktuell / web app is up to date (dist/web)\n');
} else {
  process.stdout.write(`Baue die Web-App / building the web app: ${reason}\n`);
  const { build } = await import('vite');
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  // vite may keep an old HTML file's time if unchanged; mark the build as fresh.
  const now = new Date();
  for (const e of entries) fs.utimesSync(path.join(dist, e), now, now);
  process.stdout.write('Web-App gebaut / web app built: dist/web\n');
}
