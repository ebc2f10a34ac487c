import { describe, expect, it } from 'vitest';
import { readPulledPage } from '../../src/sync/pulledPage.ts';
import { TransportError } from '../../src/sync/transport.ts';
import { pugerSetup } from '../server/harness.ts';
import { tallyOf, tpsIn } from '../server/client.ts';

const change = (record: { tps: string; contest: string } & Record<string, unknown>, seq: number) => ({ kind: 'tally', key: `${record.tps}:${record.contest}`, version: 1, hash: 'a'.repeat(64), deviceId: 'd', actor: 'Ani', at: '2024-02-20T03:00:00.000Z', seq, proof: null, record });

describe('reading a pulled page', () => {
  it('sets apart a change no device could hold, with its place in words, and keeps the others', async () => {
    const setup = await pugerSetup();
    const [a, b, c] = [0, 1, 2].map((i) => tallyOf(setup, tpsIn(setup, setup.desa[0]!.code, i), 'PPWP', [1, 2, 3]));
    const page = readPulledPage({ changes: [change(a!, 1), change({ ...b!, votes: { ...b!.votes, 1: 1e308 } }, 2), change(c!, 3)], lastSeq: 3, more: false });
    expect(page.changes.map((c) => c.seq)).toEqual([1, 3]);
    expect(page.unreadable).toHaveLength(1);
    expect(page.unreadable![0]).toMatchObject({ key: `${b!.tps}:PPWP`, seq: 2, version: 1, deviceId: 'd' });
    expect(page.unreadable![0]!.why.id).toMatch(/^perubahan ke-2 di halaman ini tidak terbaca: .*0–999\.999/);
  });

  it('refuses a page whose envelope is broken as a protocol failure', () => {
    for (const json of [null, { changes: 'x', lastSeq: 1, more: false }, { changes: [], lastSeq: -1, more: false }, { changes: [], lastSeq: 1 }]) {
      let failure: unknown = null;
      try {
        readPulledPage(json);
      } catch (e) {
        failure = e;
      }
      expect(failure).toBeInstanceOf(TransportError);
      expect((failure as TransportError).failure.kind).toBe('protocol');
    }
  });
});
