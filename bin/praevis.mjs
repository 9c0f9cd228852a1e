#!/usr/bin/env node
// The `praevis` command: runs the compiled server and CLI in dist/server (`npm run build`). When that
// is missing or older than a source it is compiled first (about a second, once); should compiling
// fail, the sources run through tsx instead, slower but the same command (decision 019).
import { buildServer, compiledCliUrl, serverStaleReason } from '../scripts/build-server.mjs';

let entry = compiledCliUrl();
const reason = serverStaleReason();
if (reason) {
  process.stderr.write(`Baue den Server / building the server: ${reason}\n`);
  try {
    await buildServer();
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    process.stderr.write(`Bauen fehlgeschlagen, starte aus den Quellen / build failed, running from source: ${why}\n`);
    const { register } = await import('tsx/esm/api');
    register();
    entry = '../src/server/cli.ts';
  }
}
const { main } = await import(entry);
await main(process.argv);
