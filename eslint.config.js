import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

/** The layers under src/ and, for each, the layers below it that it may import (README.md, "Layout"). */
const MAY_IMPORT = {
  domain: [],
  api: ['domain'],
  db: ['api', 'domain'],
  server: ['api', 'domain'],
  sync: ['db', 'api', 'domain'],
  cli: ['server', 'sync', 'db', 'api', 'domain'],
  ui: ['sync', 'db', 'api', 'domain'],
};
const LAYERS = Object.keys(MAY_IMPORT);
/** Layers that run in the browser and on Node alike, and the only packages they may import. */
const PURE_LAYERS = ['domain', 'api'];
// fflate: a pure-JS ZIP (no DOM, no Node APIs), for backups with photos (src/domain/backup/archive.ts).
const PURE_PACKAGES = ['zod', 'canonicalize', 'fflate'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'playwright-report/', 'data/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Layering (README.md, "Layout"): imports point downwards only, checked on the resolved path of
    // every import, export-from, import() and require(), type-only ones included.
    //   ui → sync, db, api, domain      cli → server, sync, db, api, domain
    //   sync → db, api, domain          server → api, domain
    //   db → api, domain                api → domain                domain → nothing
    // Nothing imports ui or cli. domain and api run in the browser and on Node alike, so their
    // only packages are the pure ones in PURE_PACKAGES (no Node built-ins, Dexie, React, Hono…).
    // tests/, bench/ and scripts/ are outside the layers and may import any of them.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': LAYERS.map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'boundaries/legacy-templates': false,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          // Whatever no policy allows is an error: other layers, packages, and local files
          // outside the seven layers (tests/, the build config…).
          default: 'disallow',
          checkAllOrigins: true,
          checkUnknownLocals: true,
          policies: [
            ...Object.entries(MAY_IMPORT).map(([layer, below]) => ({
              from: { element: { type: layer } },
              allow: { to: { element: { type: [layer, ...below] } } },
            })),
            {
              from: { element: { type: LAYERS.filter((l) => !PURE_LAYERS.includes(l)) } },
              allow: { to: { module: { origin: ['external', 'core'] } } },
            },
            {
              from: { element: { type: PURE_LAYERS } },
              allow: { to: { module: { origin: 'external', source: PURE_PACKAGES } } },
            },
          ],
        },
      ],
    },
  },
  {
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
