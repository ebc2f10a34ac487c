import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { initialJs, type BundleLike } from '../../scripts/initialJs.ts';
import { initialJsBudget } from '../../scripts/initialJsBudget.ts';

const code = (seed: string, bytes: number) => Array.from({ length: bytes }, (_, i) => seed[(i * 7919) % seed.length]).join('');
const chunk = (fileName: string, imports: string[], text: string, isEntry = false) => ({ type: 'chunk' as const, fileName, isEntry, imports, code: text });

/** index imports react and db statically; db imports zod; the print screen is behind an import(). */
const bundle: BundleLike = {
  'assets/index.js': chunk('assets/index.js', ['assets/react.js', 'assets/db.js'], code('index();', 3000), true),
  'assets/react.js': chunk('assets/react.js', [], code('react+dom', 9000)),
  'assets/db.js': chunk('assets/db.js', ['assets/zod.js', 'assets/react.js'], code('dexie', 5000)),
  'assets/zod.js': chunk('assets/zod.js', [], code('z.object', 4000)),
  'assets/PrintScreen.js': chunk('assets/PrintScreen.js', ['assets/react.js', 'assets/qrcode.js'], code('print', 8000)),
  'assets/qrcode.js': chunk('assets/qrcode.js', [], code('qr', 6000)),
  'assets/index.css': { type: 'asset' },
};

describe('initialJs', () => {
  it('counts the entry and what it imports statically, each chunk once, and no chunk behind an import()', () => {
    const report = initialJs(bundle);
    expect(report.files.map((f) => f.fileName).sort()).toEqual(['assets/db.js', 'assets/index.js', 'assets/react.js', 'assets/zod.js']);
    expect(report.bytes).toBe(3000 + 9000 + 5000 + 4000);
    const gz = (name: string) => gzipSync((bundle[name] as { code: string }).code, { level: 9 }).length;
    expect(report.gzipBytes).toBe(gz('assets/index.js') + gz('assets/react.js') + gz('assets/db.js') + gz('assets/zod.js'));
    // Largest gzipped first.
    expect(report.files.map((f) => f.gzipBytes)).toEqual([...report.files.map((f) => f.gzipBytes)].sort((a, b) => b - a));
  });
});

describe('initialJsBudget (Vite plugin)', () => {
  const run = (budgetKb: number) => {
    const plugin = initialJsBudget({ budgetKb, targetKb: 150 });
    const info = vi.fn();
    const error = vi.fn((message: string) => {
      throw new Error(message);
    });
    (plugin.configResolved as (config: unknown) => void)({ logger: { info } });
    const writeBundle = plugin.writeBundle as (this: unknown, options: unknown, bundle: BundleLike) => void;
    let thrown: Error | null = null;
    try {
      writeBundle.call({ error }, {}, bundle);
    } catch (e) {
      thrown = e as Error;
    }
    return { info, thrown, gzipBytes: initialJs(bundle).gzipBytes };
  };

  it('prints the initial files and the total against budget and target', () => {
    const { info, thrown } = run(1000);
    expect(thrown).toBeNull();
    const printed = String(info.mock.calls[0]?.[0]);
    expect(printed).toMatch(/^initial JS .*: 4 files, 21\.00 kB, gzip \d+\.\d\d kB — budget 1000 kB, target 150 kB/);
    expect(printed).toContain('assets/zod.js');
    expect(printed).not.toContain('PrintScreen');
  });

  it('fails the build when the gzipped initial JS is over the budget, and not at it', () => {
    const { gzipBytes } = run(1000);
    const over = run((gzipBytes - 1) / 1000);
    expect(over.thrown?.message).toMatch(/^initial JS is \d+\.\d\d kB gzipped, over the budget of/);
    expect(run(gzipBytes / 1000).thrown).toBeNull();
  });
});
