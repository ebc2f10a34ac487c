import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rule of DESIGN.md §6, written out again here (not read from eslint.config.js) so that
// a config that drifts from it fails: imports point downwards only, and nothing imports ui or cli.
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: ['domain'],
  api: ['api', 'domain'],
  db: ['db', 'api', 'domain'],
  server: ['server', 'api', 'domain'],
  sync: ['sync', 'db', 'api', 'domain'],
  cli: ['cli', 'server', 'sync', 'db', 'api', 'domain'],
  ui: ['ui', 'sync', 'db', 'api', 'domain'],
};
const LAYERS = Object.keys(MAY_IMPORT);

/** One real module of each layer, imported from a fake file at src/<layer>/probe.ts. */
const TARGET: Record<string, string> = {
  domain: 'domain/common/result.ts',
  api: 'api/index.ts',
  db: 'db/index.ts',
  server: 'server/app.ts',
  sync: 'sync/index.ts',
  cli: 'cli/main.ts',
  ui: 'ui/main.tsx',
};

const root = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layering errors ESLint reports for `code` placed at `filePath` (relative to the repo). */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.fatal || m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('layering is checked by the linter (boundaries/dependencies)', () => {
  it('reports a domain file importing the db layer', async () => {
    const errors = await layeringErrors('src/domain/x.ts', "import '../db/index.ts';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/"domain".*"db"/);
  });

  it('reports nothing for a legal import', async () => {
    expect(await layeringErrors('src/domain/x.ts', "import { ok } from './common/result.ts';\nexport const f = ok;\n")).toEqual([]);
    expect(await layeringErrors('src/ui/x.ts', "import { ok } from '../domain/common/result.ts';\nexport const f = ok;\n")).toEqual([]);
  });

  describe.each(LAYERS)('from src/%s', (from) => {
    it.each(LAYERS)(`importing src/%s follows the layer rule`, async (to) => {
      const errors = await layeringErrors(`src/${from}/probe.ts`, `import '../${TARGET[to]}';\n`);
      if (MAY_IMPORT[from]!.includes(to)) expect(errors).toEqual([]);
      else expect(errors).toHaveLength(1);
    });
  });

  it('checks type-only imports, re-exports and dynamic imports too', async () => {
    expect(await layeringErrors('src/server/x.ts', "import type { RekapDb } from '../db/index.ts';\nexport type A = RekapDb;\n")).toHaveLength(1);
    expect(await layeringErrors('src/api/x.ts', "export * from '../db/index.ts';\n")).toHaveLength(1);
    expect(await layeringErrors('src/sync/x.ts', "export const load = () => import('../ui/main.tsx');\n")).toHaveLength(1);
  });

  it('resolves paths, so src/ui/sync is ui and ../../sync from src/ui/app is the sync layer', async () => {
    expect(await layeringErrors('src/ui/app/x.ts', "import '../sync/engine.ts';\nimport '../../sync/index.ts';\n")).toEqual([]);
    expect(await layeringErrors('src/server/storage/x.ts', "import '../../ui/sync/engine.ts';\n")).toHaveLength(1);
  });

  it('keeps domain and api free of Node built-ins, Dexie, React and other packages', async () => {
    for (const source of ['node:fs', 'fs', 'path', 'node:crypto', 'dexie', 'react', 'hono', 'kysely']) {
      expect(await layeringErrors('src/domain/x.ts', `import '${source}';\n`), source).toHaveLength(1);
      expect(await layeringErrors('src/api/x.ts', `import '${source}';\n`), source).toHaveLength(1);
    }
    expect(await layeringErrors('src/domain/x.ts', "import { z } from 'zod';\nimport canonicalize from 'canonicalize';\nexport const a = [z, canonicalize];\n")).toEqual([]);
    expect(await layeringErrors('src/server/x.ts', "import { readFile } from 'node:fs/promises';\nimport { Hono } from 'hono';\nexport const a = [readFile, Hono];\n")).toEqual([]);
  });

  it('reports an import out of src/ into a file of no layer', async () => {
    expect(await layeringErrors('src/domain/x.ts', "import '../../tests/setup.ts';\n")).toHaveLength(1);
  });

  it('leaves tests outside the layers', async () => {
    expect(await layeringErrors('tests/x.test.ts', "import '../src/server/app.ts';\nimport '../src/ui/main.tsx';\n")).toEqual([]);
  });
});
