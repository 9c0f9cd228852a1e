// ESLint rule that encodes the one-way flow of docs/architecture.md:
// - a server module is used by other modules only through its public entry (`modules/<name>/index.ts`);
//   the composition roots (app.ts, cli.ts) and the harnesses (bench/, e2e/) may wire module internals;
// - a web feature is used by other features only through its public entry (`features/<name>/index.ts`),
//   or a narrower part of it (`index.<part>.ts`) that a light entry's page uses (decision 040);
// - the lower server layers (db, http, auth, lib) and src/shared never import a module, the app or the CLI;
// - src/shared imports neither server nor web code; web/ui imports neither web/app nor a feature;
//   web/light (the light entries' Preact pieces, decision 040) imports neither web/app, web/ui nor a feature.
// Tests and test support may reach another module's test support, nothing else of it.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

const isTestFile = (f) => /\.test\.tsx?$|(^|\/)test-support\.ts$|\.test-support\.ts$|\.fixtures\.ts$|^src\/server\/test\//.test(f);
const isPublicEntry = (target, base) => target === `${base}/index.ts` || target === `${base}/index.tsx`;

function moduleOf(f) {
  const m = /^src\/server\/modules\/([^/]+)\//.exec(f);
  return m ? m[1] : null;
}
function featureOf(f) {
  const m = /^src\/web\/features\/([^/]+)\//.exec(f);
  return m ? m[1] : null;
}

/** Why importing `target` from `from` breaks the architecture, or null. Both are repository-relative. */
export function violation(from, target) {
  const test = isTestFile(from);
  if (from.startsWith('src/shared/') && (target.startsWith('src/server/') || target.startsWith('src/web/'))) {
    return 'src/shared is the lowest layer: it imports neither server nor web code';
  }
  if (from.startsWith('src/server/') && target.startsWith('src/web/')) return 'the server does not import web code';
  if (from.startsWith('src/web/') && target.startsWith('src/server/')) return 'the web app does not import server code';
  if (/^src\/server\/(db|http|auth|lib)\//.test(from) && !test) {
    if (target.startsWith('src/server/modules/') || target === 'src/server/app.ts' || target === 'src/server/cli.ts') {
      return 'db/, http/, auth/ and lib/ are lower layers: they do not import modules, the app or the CLI';
    }
  }
  const fromModule = moduleOf(from);
  const toModule = moduleOf(target);
  // The composition roots (app.ts, cli.ts) and the harnesses (bench/, e2e/) may wire module internals.
  if (toModule && fromModule && fromModule !== toModule) {
    const base = `src/server/modules/${toModule}`;
    if (!isPublicEntry(target, base) && !(test && isTestFile(target))) {
      return `use the module '${toModule}' through its public entry ${base}/index.ts`;
    }
  }
  if (fromModule && (target === 'src/server/app.ts' || target === 'src/server/cli.ts') && !test) {
    return 'modules do not import the app or the CLI';
  }
  if (from.startsWith('src/web/ui/') && (target.startsWith('src/web/app/') || target.startsWith('src/web/features/'))) {
    return 'web/ui holds building blocks: it imports neither web/app nor a feature';
  }
  if (from.startsWith('src/web/light/') && /^src\/web\/(app|ui|features)\//.test(target)) {
    return 'web/light holds the light entries’ pieces: it imports neither web/app, web/ui nor a feature';
  }
  const fromFeature = featureOf(from);
  const toFeature = featureOf(target);
  if (toFeature && fromFeature && fromFeature !== toFeature) {
    const base = `src/web/features/${toFeature}`;
    const part = new RegExp(`^${base}/index\\.[a-z-]+\\.tsx?$`).test(target);
    if (!isPublicEntry(target, base) && !part) return `use the feature '${toFeature}' through its public entry ${base}/index.ts`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: { type: 'problem', docs: { description: 'imports follow the one-way flow of docs/architecture.md' }, schema: [] },
  create(context) {
    const from = rel(context.filename);
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), source.value));
      const why = violation(from, target);
      if (why) context.report({ node, message: `Import of '${source.value}' crosses a boundary: ${why}.` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

export default { rules: { boundaries } };
