import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';
import { WEB_ENTRIES, webEntryFor } from './src/shared/web-entries.ts';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt)$/; // HTML is sent by the server itself, revalidated

/**
 * After the main build: builds the alliance's public page on Preact (vite.public-page.config.ts,
 * decision 040) into the same folder, then writes `<file>.br` and `<file>.gz` next to every
 * compressible asset of both builds, at the highest levels (once per build, not per request), which
 * @fastify/static sends with `preCompressed`.
 */
function publicPageAndPrecompress(): Plugin {
  let outDir = '';
  let mode = 'production';
  let logLevel: 'info' | 'warn' | 'error' | 'silent' | undefined;
  return {
    name: 'praevis:public-page-and-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      mode = config.mode;
      logLevel = config.logLevel;
    },
    async closeBundle() {
      const configFile = path.resolve(import.meta.dirname, 'vite.public-page.config.ts');
      await build({ configFile, mode, logLevel, build: { outDir } });
      const files = (await fs.readdir(outDir, { recursive: true })).map((f) => path.join(outDir, f));
      await Promise.all(
        files
          .filter((f) => COMPRESSIBLE.test(f))
          .map(async (file) => {
            const body = await fs.readFile(file);
            if (body.length < 1024) return; // smaller than the headers it would save
            const [gz, br] = await Promise.all([
              gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
              brotli(body, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                },
              }),
            ]);
            await Promise.all([fs.writeFile(`${file}.gz`, gz), fs.writeFile(`${file}.br`, br)]);
          }),
      );
    },
  };
}

/** In development, the public addresses get their entry's HTML as in production. */
function publicEntriesInDev(): Plugin {
  return {
    name: 'praevis:public-entries-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const [pathname = '/', query] = (req.url ?? '/').split('?');
        const entry = webEntryFor(pathname);
        if (entry !== 'index') req.url = `/${WEB_ENTRIES[entry]}${query === undefined ? '' : `?${query}`}`;
        next();
      });
    },
  };
}

/**
 * The modules written for Preact, not React (decision 040: the light entries of the citizen survey and
 * of sign-in, whose JSX names its runtime with `@jsxImportSource preact`): React's fast refresh leaves them alone.
 */
const PREACT_SOURCES =
  /\/src\/web\/(public-survey\.tsx|sign-in\.tsx|light\/|features\/survey-public\/(components|pages)\/|features\/auth\/pages\/sign-in-page\.tsx)/;

/** The web app: the HTML entries at the repository root, built into dist/web, which the API server serves. */
export default defineConfig({
  root: '.',
  // Icons and the web app manifest, copied as they are to the root of the build (served unhashed, revalidated).
  publicDir: 'public',
  plugins: [react({ refreshExclude: [/\/node_modules\//, PREACT_SOURCES] }), publicEntriesInDev(), publicPageAndPrecompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // One HTML entry each for the app and the public pages (src/shared/web-entries.ts), but the
      // alliance's public page, which its own build makes on Preact (vite.public-page.config.ts).
      input: Object.fromEntries(
        Object.entries(WEB_ENTRIES)
          .filter(([name]) => name !== 'publicPage')
          .map(([name, file]) => [name, path.resolve(import.meta.dirname, file)]),
      ),
      output: {
        // Only React itself, which every entry needs, is a fixed chunk (it changes least often). The
        // rest is split by who imports it, so a public entry loads only the Mantine components, and
        // a feature only the libraries, that it uses; the chart library loads with the first chart.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
