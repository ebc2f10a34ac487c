import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * Every module `entry` loads at run time, as esbuild resolves them (type-only imports are erased,
 * as Node's TypeScript loaders do): local files by path, packages by name.
 */
async function runtimeImports(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const result = await build({ entryPoints: [join(ROOT, entry)], absWorkingDir: ROOT, bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const inputs = result.metafile.inputs;
  const packages = new Set<string>();
  for (const input of Object.values(inputs)) for (const imported of input.imports) if (imported.external) packages.add(imported.path);
  return { files: Object.keys(inputs).map((f) => relative(ROOT, join(ROOT, f))), packages: [...packages] };
}

describe('the headless client loads no browser database code', () => {
  it.each(['src/sync/node/sqliteStore.ts', 'src/cli/commands/sync.ts', 'bench/sync/client.ts'])('%s loads neither Dexie nor the src/db barrel', async (entry) => {
    const { files, packages } = await runtimeImports(entry);
    expect(packages.filter((p) => p === 'dexie' || p.startsWith('dexie/') || p.startsWith('dexie-'))).toEqual([]);
    expect(files.filter((f) => f === 'src/db/index.ts' || f === 'src/db/database.ts' || f === 'src/sync/index.ts' || f === 'src/sync/dexieStore.ts')).toEqual([]);
    // It does load what it needs: the store on SQLite.
    expect(packages).toContain('better-sqlite3');
  });

  it('the check sees Dexie where it is loaded (the sync barrel)', async () => {
    const { files, packages } = await runtimeImports('src/sync/index.ts');
    expect(packages).toContain('dexie');
    expect(files).toContain('src/db/index.ts');
  });
});
