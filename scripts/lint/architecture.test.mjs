import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, expect, it } from 'vitest';
import architecture, { violation } from './architecture.mjs';

const ok = (from, target) => expect(violation(from, target), `${from} → ${target}`).toBeNull();
const refused = (from, target, why) => expect(violation(from, target), `${from} → ${target}`).toMatch(why);

describe('violation', () => {
  it('keeps src/shared the lowest layer', () => {
    refused('src/shared/time.ts', 'src/server/config.ts', /src\/shared is the lowest layer/);
    refused('src/shared/time.ts', 'src/web/lib/api.ts', /src\/shared is the lowest layer/);
    ok('src/shared/funding.schema.ts', 'src/shared/common.schema.ts');
    ok('src/server/lib/jobs.ts', 'src/shared/time.ts');
    ok('src/web/ui/page-header.tsx', 'src/shared/limits.ts');
  });

  it('keeps server and web apart', () => {
    refused('src/server/app.ts', 'src/web/main.tsx', /server does not import web/);
    refused('src/web/lib/api.ts', 'src/server/http/problem.ts', /web app does not import server/);
  });

  it('keeps db, http, auth and lib below the modules, the app and the CLI; their tests may use them', () => {
    for (const layer of ['db', 'http', 'auth', 'lib']) {
      const from = `src/server/${layer}/x.ts`;
      refused(from, 'src/server/modules/audit/index.ts', /lower layers/);
      refused(from, 'src/server/modules/audit/audit.service.ts', /lower layers/);
      refused(from, 'src/server/app.ts', /lower layers/);
      refused(from, 'src/server/cli.ts', /lower layers/);
      ok(from, 'src/server/db/database.ts');
      ok(`src/server/${layer}/x.test.ts`, 'src/server/app.ts');
      ok(`src/server/${layer}/x.test.ts`, 'src/server/modules/audit/audit.service.ts');
    }
  });

  it('lets a module use another only through its public entry', () => {
    refused(
      'src/server/modules/councils/councils.service.ts',
      'src/server/modules/training/training.repository.ts',
      /through its public entry src\/server\/modules\/training\/index\.ts/,
    );
    ok('src/server/modules/councils/councils.service.ts', 'src/server/modules/training/index.ts');
    ok('src/server/modules/councils/councils.service.ts', 'src/server/modules/councils/councils.repository.ts');
    ok('src/server/modules/surveys/analysis/results.service.ts', 'src/server/modules/surveys/surveys.repository.ts');
  });

  it("lets a module's tests reach another module's test support, and nothing else of it", () => {
    for (const support of ['training.test-support.ts', 'test-support.ts', 'training.fixtures.ts'])
      ok('src/server/modules/councils/councils.test.ts', `src/server/modules/training/${support}`);
    refused('src/server/modules/councils/councils.test.ts', 'src/server/modules/training/training.repository.ts', /public entry/);
    refused('src/server/modules/councils/councils.service.ts', 'src/server/modules/training/test-support.ts', /public entry/);
    ok('src/server/test/factories.ts', 'src/server/modules/training/training.repository.ts');
  });

  it('lets the composition roots and the harnesses wire module internals', () => {
    for (const from of ['src/server/app.ts', 'src/server/cli.ts', 'bench/pks-import.ts', 'e2e/support/start-server.ts'])
      ok(from, 'src/server/modules/crime-stats/crime-stats.service.ts');
  });

  it('keeps the app and the CLI out of the modules, except in tests', () => {
    refused('src/server/modules/users/users.service.ts', 'src/server/app.ts', /modules do not import the app or the CLI/);
    refused('src/server/modules/users/users.service.ts', 'src/server/cli.ts', /modules do not import the app or the CLI/);
    ok('src/server/modules/users/users.test.ts', 'src/server/app.ts');
  });

  it('keeps web/ui below web/app and the features', () => {
    refused('src/web/ui/page-header.tsx', 'src/web/app/navigation.ts', /web\/ui holds building blocks/);
    refused('src/web/ui/page-header.tsx', 'src/web/features/funding/index.ts', /web\/ui holds building blocks/);
    ok('src/web/ui/page-header.tsx', 'src/web/lib/i18n.ts');
  });

  it('keeps web/light below web/app, web/ui and the features', () => {
    refused('src/web/light/form.tsx', 'src/web/ui/error-summary.tsx', /web\/light holds the light entries/);
    refused('src/web/light/form.tsx', 'src/web/app/paths.ts', /web\/light holds the light entries/);
    refused('src/web/light/public-frame.tsx', 'src/web/features/auth/texts.ts', /web\/light holds the light entries/);
    ok('src/web/light/public-frame.tsx', 'src/web/lib/language-choice.ts');
    ok('src/web/features/auth/pages/sign-in-page.tsx', 'src/web/light/form.tsx');
  });

  it('lets a feature use another only through its public entry', () => {
    refused(
      'src/web/features/councils/pages/council-page.tsx',
      'src/web/features/organisations/api.ts',
      /through its public entry src\/web\/features\/organisations\/index\.ts/,
    );
    ok('src/web/features/councils/pages/council-page.tsx', 'src/web/features/organisations/index.ts');
    ok('src/web/features/councils/pages/council-page.tsx', 'src/web/features/organisations/index.tsx');
    // A narrower part of the public entry, for the pages of a light entry (decision 040).
    ok('src/web/features/alliance/components/status-map-section.tsx', 'src/web/features/territory/index.map.ts');
    refused(
      'src/web/features/alliance/components/status-map-section.tsx',
      'src/web/features/territory/map.ts',
      /through its public entry src\/web\/features\/territory\/index\.ts/,
    );
    ok('src/web/features/councils/pages/council-page.tsx', 'src/web/features/councils/api.ts');
    ok('src/web/app/router.tsx', 'src/web/features/organisations/pages/people-page.tsx');
  });
});

describe('the boundaries rule', () => {
  RuleTester.describe = describe;
  RuleTester.it = it;
  const root = path.resolve(import.meta.dirname, '../..');
  const file = (f) => path.join(root, f);
  new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } }).run('boundaries', architecture.rules.boundaries, {
    valid: [
      { filename: file('src/server/modules/councils/councils.service.ts'), code: "import { x } from '../training/index.ts';" },
      { filename: file('src/server/lib/jobs.ts'), code: "import { Kysely } from 'kysely';" },
    ],
    invalid: [
      {
        filename: file('src/server/modules/councils/councils.service.ts'),
        code: [
          "import { a } from '../training/training.repository.ts';",
          "export { b } from '../training/training.service.ts';",
          "export * from '../training/training.tables.ts';",
          "const c = import('../training/training.routes.ts');",
        ].join('\n'),
        errors: 4,
      },
      {
        filename: file('src/server/lib/jobs.ts'),
        code: "import { a } from '../modules/surveys/letters.jobs.ts';",
        errors: [
          {
            message:
              "Import of '../modules/surveys/letters.jobs.ts' crosses a boundary: db/, http/, auth/ and lib/ are lower layers: they do not import modules, the app or the CLI.",
          },
        ],
      },
    ],
  });
});
