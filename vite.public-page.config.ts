import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { WEB_ENTRIES } from './src/shared/web-entries.ts';

/**
 * The alliance's public page (public-page.html) built on Preact (decision 040): the page and the
 * components it shares with the dashboard (Mantine, TanStack Query, react-i18next) stay React
 * components, and `preact/compat` runs them in place of React, react-dom and the scheduler
 * (about 10 KB gzipped instead of 66 KB). The main build (vite.config.ts) leaves this entry out and
 * runs this build after its own, into the same folder, and precompresses both.
 */
// `react` is preact/compat with what Mantine needs of React 19 added (light/react-on-preact.ts).
export const PREACT_FOR_REACT = [
  { find: /^react$/, replacement: path.resolve(import.meta.dirname, 'src/web/light/react-on-preact.ts') },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
];

export default defineConfig({
  root: '.',
  publicDir: false, // copied by the main build
  plugins: [react()],
  resolve: { alias: PREACT_FOR_REACT },
  build: {
    outDir: 'dist/web',
    emptyOutDir: false, // the main build's files stay
    sourcemap: true,
    rolldownOptions: {
      input: { publicPage: path.resolve(import.meta.dirname, WEB_ENTRIES.publicPage) },
      output: {
        codeSplitting: {
          groups: [
            { name: 'preact', test: /node_modules[\\/]preact[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
});
