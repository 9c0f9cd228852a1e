import fs from 'node:fs';
import path from 'node:path';
import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';

/*
 * The citizen survey and the sign-in page are light entries (decision 040): Preact and plain HTML,
 * none of the signed-in app's libraries. Read from the sources: every module the entry imports at run time (type-only
 * imports left aside), followed through relative imports, and the packages they name.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/** The packages that the module graph from `entry` loads at run time, and its module files. */
function runtimeGraph(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue; // JSON catalogues, style sheets
    const source = fs.readFileSync(file, 'utf8');
    if (/@jsxImportSource\s+(\S+)/.exec(source)?.[1] === 'preact') packages.add('preact');
    else if (file.endsWith('.tsx')) packages.add('react'); // the project's default JSX runtime
    for (const m of source.matchAll(IMPORT)) {
      if (m[2]) continue; // `import type` is erased
      const spec = m[3]!;
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { packages, files };
}

/** The repository-relative files of the signed-in app's shell, shared UI, i18n and API client among `files`. */
function appModules(files: Set<string>): string[] {
  return [...files].map((f) => path.relative(ROOT, f)).filter((f) => /^src\/web\/(app|ui)\/|lib\/(i18n|api-client)\.ts$/.test(f));
}

describe('the public entries load none of the signed-in app', () => {
  const { packages, files } = runtimeGraph('src/web/public-survey.tsx');

  it('loads Preact and the date formatting, no React, Mantine, TanStack Query, i18next or Zod', () => {
    expect([...packages].sort()).toEqual(['@date-fns/tz', 'date-fns', 'preact']);
  });

  it('loads none of the signed-in app’s modules (app shell, shared UI, the app’s i18n and API client)', () => {
    expect(appModules(files)).toEqual([]);
    expect(files.has(path.join(ROOT, 'src/web/features/survey-public/pages/public-survey-page.tsx'))).toBe(true);
  });

  it('the sign-in page loads Preact alone: no React, Mantine, TanStack Query, i18next, Zod or the app’s modules', () => {
    const signIn = runtimeGraph('src/web/sign-in.tsx');
    expect([...signIn.packages]).toEqual(['preact']);
    expect(appModules(signIn.files)).toEqual([]);
    expect(signIn.files.has(path.join(ROOT, 'src/web/features/auth/pages/sign-in-page.tsx'))).toBe(true);
    expect(signIn.files.has(path.join(ROOT, 'src/web/light/form.tsx'))).toBe(true);
  });

  it('the alliance’s public page loads neither the app’s router nor Zod', () => {
    const publicPage = runtimeGraph('src/web/public-page.tsx').packages;
    expect(publicPage).not.toContain('react-router');
    expect(publicPage).not.toContain('zod');
  });

  it('sees through to the packages: the public page, written for React, is found to load the app’s libraries', () => {
    const publicPage = runtimeGraph('src/web/public-page.tsx').packages;
    for (const p of ['react', '@mantine/core', 'i18next', '@tanstack/react-query']) expect(publicPage, p).toContain(p);
    expect(runtimeGraph('src/web/features/survey-public/react-bridge.tsx').packages).toEqual(new Set(['react', 'preact', 'react-i18next']));
  });
});

describe('the alliance’s public page is built on Preact (decision 040)', () => {
  /** What a bare module name becomes under a build's aliases (the first that matches, as Vite does). */
  function resolved(aliases: { find: RegExp; replacement: string }[], name: string): string {
    const alias = aliases.find((a) => a.find.test(name));
    return alias ? name.replace(alias.find, alias.replacement) : name;
  }

  it('its own build gives React’s modules from Preact: react, react-dom, its client and the JSX runtimes', async () => {
    const config = (await import('../../vite.public-page.config.ts')).default;
    const aliases = config.resolve?.alias as { find: RegExp; replacement: string }[];
    expect(path.relative(ROOT, resolved(aliases, 'react'))).toBe('src/web/light/react-on-preact.ts');
    expect(fs.readFileSync(path.join(ROOT, 'src/web/light/react-on-preact.ts'), 'utf8')).toContain("export * from 'preact/compat';");
    expect(resolved(aliases, 'react-dom')).toBe('preact/compat');
    expect(resolved(aliases, 'react-dom/client')).toBe('preact/compat/client');
    expect(resolved(aliases, 'react/jsx-runtime')).toBe('preact/jsx-runtime');
    expect(resolved(aliases, 'react/jsx-dev-runtime')).toBe('preact/jsx-dev-runtime');
    expect(resolved(aliases, 'react-i18next')).toBe('react-i18next'); // only React itself
    const input = config.build?.rolldownOptions?.input as Record<string, string>;
    expect(Object.values(input).map((f) => path.relative(ROOT, f))).toEqual(['public-page.html']);
    expect(config.build?.emptyOutDir).toBe(false);
  });

  it('the main build, on React, leaves the public page to that build', async () => {
    const config = (await import('../../vite.config.ts')).default as UserConfig;
    const input = config.build?.rolldownOptions?.input as Record<string, string>;
    const built = Object.values(input).map((f) => path.relative(ROOT, f));
    expect(built).toContain('index.html');
    expect(built).not.toContain('public-page.html');
  });
});
