#!/usr/bin/env node
/*
 * Compiles the server and the `praevis` command to JavaScript in dist/server (decision 019): one
 * esbuild bundle of src/server/cli.ts, split at every dynamic import so that a command loads only
 * the code it runs (npm packages stay external, loaded from node_modules), and the migrations as
 * entries of their own in dist/server/migrations, where db/migrate.ts looks for them beside the code.
 * bin/praevis.mjs runs the result and calls `serverStaleReason` and `buildServer` first.
 *
 *   node scripts/build-server.mjs              build
 *   node scripts/build-server.mjs --if-stale   build only when missing or older than a source
 *
 * Several processes may build at once (tests start many `praevis` commands): each builds into a
 * folder of its own and renames the files into place one by one, the entry and the manifest last,
 * so a reader never sees a half-written file or an entry whose chunks are missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'dist/server';
const MANIFEST = 'build.json';
const MIGRATIONS = 'src/server/db/migrations';
const MIGRATION_FILE = /^(\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+)\.ts$/;
/** Chunks of an earlier build stay this long, for a server that started on it and loads one later. */
const KEEP_OLD_MS = 24 * 3600 * 1000;
/**
 * Pure ESM packages compiled into the bundle, tree-shaken: they come as hundreds of small files
 * whose loading dominated the start (echarts alone is about 600 files, date-fns loads every function
 * of its index). zod goes in together with fastify-type-provider-zod, the one package that imports
 * it, so that there is one zod. Every other package stays external and is loaded from
 * node_modules: native addons, packages that read their own files (pdfkit's fonts, swagger-ui's
 * assets), and CommonJS.
 */
const BUNDLED = [
  'kysely',
  'date-fns',
  '@date-fns/tz',
  'echarts',
  'zrender',
  'tslib',
  'write-excel-file',
  'zod',
  'fastify-type-provider-zod',
];

/** Bundles the packages of BUNDLED; every other bare import stays external and must resolve from the root. */
const externals = {
  name: 'praevis-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (BUNDLED.includes(name)) return undefined;
      if (!args.path.startsWith('node:')) {
        try {
          import.meta.resolve(args.path);
        } catch {
          return { errors: [{ text: `${args.path} (imported by ${args.importer}) does not resolve from the root's node_modules` }] };
        }
      }
      return { path: args.path, external: true };
    });
  },
};

/**
 * What else, beside the sources the last build read, makes it stale: a new migration, this build's
 * rules, and an npm install (which rewrites node_modules/.package-lock.json).
 */
const WATCHED = [MIGRATIONS, 'scripts/build-server.mjs', 'tsconfig.json', 'package-lock.json', 'node_modules/.package-lock.json'];

/** The compiled command's entry (a file URL, for import()). */
export function compiledCliUrl(root = ROOT) {
  return pathToFileURL(path.join(root, OUT, 'cli.js')).href;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Why dist/server must be built again, or null when it is current. Cheap: one small JSON file and
 * one stat per source file the last build read. A file counts as changed when its modification
 * time differs from the one the build saw, either way (a checkout may set an older time, a clock
 * a later one).
 */
export function serverStaleReason(root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, OUT, MANIFEST), 'utf8'));
  } catch {
    return `${OUT} fehlt / is missing`;
  }
  if (mtime(path.join(root, OUT, 'cli.js')) === null) return `${OUT}/cli.js fehlt / is missing`;
  // The bundled packages' files are covered by node_modules/.package-lock.json.
  for (const [file, seen] of Object.entries(manifest.mtimes ?? {})) {
    const m = mtime(path.join(root, file));
    if (m === seen) continue;
    return m === null ? `${file} fehlt / is missing` : `${file} ist geändert / has changed`;
  }
  for (const file of WATCHED) if (!(file in (manifest.mtimes ?? {}))) return `${file} ist neu / is new`;
  return null;
}

function removeQuietly(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // another build removed it first
  }
}

/** Compiles dist/server; resolves with the number of files written and the build's duration. */
export async function buildServer(root = ROOT) {
  const started = Date.now();
  const { build } = await import('esbuild');
  const out = path.join(root, OUT);
  fs.mkdirSync(out, { recursive: true });
  const temp = fs.mkdtempSync(path.join(out, '.build-'));
  try {
    const migrations = fs.readdirSync(path.join(root, MIGRATIONS)).filter((f) => MIGRATION_FILE.test(f));
    const result = await build({
      absWorkingDir: root,
      entryPoints: {
        cli: 'src/server/cli.ts',
        ...Object.fromEntries(migrations.map((f) => [`migrations/${f.replace(/\.ts$/, '')}`, `${MIGRATIONS}/${f}`])),
      },
      outdir: temp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      plugins: [externals],
      // Every chunk sits beside cli.js: code that reads files relative to itself (import.meta.url,
      // the migrations folder) finds them in dist/server as it does in src/server.
      chunkNames: '[name]-[hash]',
      metafile: true,
      logLevel: 'silent',
      legalComments: 'none',
    });
    const outputs = Object.keys(result.metafile.outputs).map((f) => path.relative(temp, path.resolve(root, f)));
    const isEntry = (f) => f === 'cli.js' || f.startsWith('migrations/');
    // Chunks first, then the migrations, then the entry: whoever sees a file finds what it imports.
    const order = [...outputs.filter((f) => !isEntry(f)), ...outputs.filter((f) => f.startsWith('migrations/')), 'cli.js'];
    fs.mkdirSync(path.join(out, 'migrations'), { recursive: true });
    for (const f of order) fs.renameSync(path.join(temp, f), path.join(out, f));

    // A migration that is no longer a source must not run; old chunks go after a day.
    const current = new Set(outputs);
    for (const f of fs.readdirSync(path.join(out, 'migrations'))) {
      if (!current.has(`migrations/${f}`)) removeQuietly(path.join(out, 'migrations', f));
    }
    for (const f of fs.readdirSync(out)) {
      const p = path.join(out, f);
      if (current.has(f) || f === MANIFEST || f === 'migrations' || p === temp) continue;
      const m = mtime(p);
      if (m !== null && Date.now() - m > KEEP_OLD_MS) removeQuietly(p);
    }

    // The time each file had when the build read it; one changed while the build ran is marked
    // changed already (-1), so that the next command builds again.
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.split('/').includes('node_modules'));
    const mtimes = Object.fromEntries(
      [...inputs.sort(), ...WATCHED].map((f) => {
        const m = mtime(path.join(root, f));
        return [f, m !== null && m >= started ? -1 : m];
      }),
    );
    const manifest = path.join(temp, MANIFEST);
    fs.writeFileSync(manifest, `${JSON.stringify({ builtAt: started, mtimes }, null, 1)}\n`);
    fs.renameSync(manifest, path.join(out, MANIFEST));
    return { files: outputs.length, ms: Date.now() - started };
  } finally {
    removeQuietly(temp);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reason = process.argv.includes('--if-stale') ? serverStaleReason() : 'npm run build';
  if (!reason) {
    process.stdout.write(`Server ist aktuell / server is up to date (${OUT})\n`);
  } else {
    process.stdout.write(`Baue den Server / building the server: ${reason}\n`);
    const { files, ms } = await buildServer();
    process.stdout.write(`Server gebaut / server built: ${OUT} (${files} Dateien / files, ${(ms / 1000).toFixed(1)} s)\n`);
  }
}
