import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, tempDir, writeJson } from './helpers.ts';

// A bug inside the domain must surface as exit 70 with its message, not as a stack trace.
vi.mock('../../src/domain/totals/index.ts', () => ({
  computeTotals: () => {
    throw new Error('boom in computeTotals');
  },
}));

describe('unexpected errors', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function runTotals() {
    const tmp = await tempDir();
    try {
      const file = await writeJson(tmp.path('t.json'), { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [] });
      return await run('totals', '--tallies', file, '--contest', 'PPWP', '--lang', 'en');
    } finally {
      await tmp.cleanup();
    }
  }

  it('exit 70 with one line and no stack', async () => {
    vi.stubEnv('REKAP_DEBUG', '');
    const r = await runTotals();
    expect(r.code).toBe(70);
    expect(r.err).toBe('rekap: internal error: boom in computeTotals (set REKAP_DEBUG=1 for details)\n');
  });

  it('REKAP_DEBUG=1 adds the stack', async () => {
    vi.stubEnv('REKAP_DEBUG', '1');
    const r = await runTotals();
    expect(r.code).toBe(70);
    expect(r.err).toMatch(/^\s+at /m);
  });
});
