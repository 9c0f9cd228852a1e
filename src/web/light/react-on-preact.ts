/*
 * What the alliance's public page gets for `react` in its build on Preact (vite.public-page.config.ts,
 * decision 040): `preact/compat`, and what it lacks of React 19 that Mantine imports.
 */
import type { ComponentChildren } from 'preact';
import { createElement } from 'preact/compat';

// @ts-expect-error preact/compat's types are one `export =` namespace; its module has the named exports.
export * from 'preact/compat';
export { default } from 'preact/compat';

/**
 * React's `<Activity>` (Mantine's kept-mounted panels, collapses and transitions): the children stay
 * mounted, hidden while `mode` is "hidden". React hides their elements without a wrapper; here a
 * wrapper that takes no box of its own (`display: contents`) does, hidden with `display: none`.
 */
export function Activity({ mode = 'visible', children }: { mode?: 'visible' | 'hidden'; children?: ComponentChildren }) {
  return createElement('div', { style: { display: mode === 'hidden' ? 'none' : 'contents' } }, children);
}
