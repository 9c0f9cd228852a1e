// Lint: typescript-eslint with type information, import cycles, and the architecture's boundaries
// (scripts/lint/architecture.mjs). `npm test` runs it; see docs/decisions/017-guardrails.md.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import architecture from './scripts/lint/architecture.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'scripts/lint/*.mjs', 'bin/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks, architecture },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      'architecture/boundaries': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Time has one home, src/shared/time.ts (style guide section 7): "now" through its clock,
    // calendar days in Europe/Berlin, one date formatter.
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    ignores: [
      'src/shared/time.ts',
      'src/server/db/migrations/**',
      // Sign-in lockouts and sessions measure real elapsed time.
      'src/server/modules/auth/auth.service.ts',
      // Read iCalendar times back on an independent path.
      'src/server/modules/councils/test-support.ts',
      'e2e/councils.spec.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time through src/shared/time.ts: now(), nowIso(), todayBerlin().',
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: 'Format dates with formatDate / formatDateTime of src/shared/time.ts.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]',
          message: 'Format dates with formatDate / formatDateTime of src/shared/time.ts.',
        },
      ],
    },
  },
  {
    // Numbers, percentages, money and dates on pages have one home (style guide section 7): the
    // formatting module, bound to the UI language in src/web/lib/format.ts. No page formats them
    // on its own (toLocaleString, toFixed, toExponential, toPrecision, Intl).
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/lib/format.ts', 'src/web/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time through src/shared/time.ts: now(), nowIso(), todayBerlin().',
        },
        {
          selector: "MemberExpression[object.name='Intl']",
          message: 'Format with src/web/lib/format.ts (formatNumber, formatPercent, formatMoney, formatDate, formatDateTime).',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|toFixed|toExponential|toPrecision)$/]',
          message: 'Format with src/web/lib/format.ts (formatNumber, formatPercent, formatMoney, formatDate, formatDateTime).',
        },
      ],
    },
  },
  {
    // Workbooks have one writer, src/server/lib/table-export.ts (xlsxDownload), so every XLSX
    // carries the demo label while demo data exist (decision 036). Types may be imported.
    files: ['src/**/*.ts'],
    ignores: ['src/server/lib/table-export.ts', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'write-excel-file/node',
              message: 'Write XLSX through xlsxDownload / tableDownload of src/server/lib/table-export.ts.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright's fixtures call their argument `use`; it is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.{mjs,js}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
