import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PullResponseSchema } from '../../src/api/index.ts';
import { pullBody } from '../../src/server/routes/pullBody.ts';
import { pugerSetup } from './harness.ts';
import { tallyOf, tpsIn } from './client.ts';

describe('the pull answer written around the stored record text', () => {
  it('is the same answer as serialising the parsed changes, whatever the names and reasons hold', async () => {
    const setup = await pugerSetup();
    const tally = tallyOf(setup, tpsIn(setup, setup.desa[0]!.code), 'PPWP', [3, 2, 1]);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.nat({ max: 50 }), fc.boolean(), async (actor, version, more) => {
        const change = { key: `${tally.tps}:PPWP`, version: version + 1, hash: 'a'.repeat(64), deviceId: 'dev-1', actor, at: '2024-02-20T03:00:00.000Z', seq: 7 };
        const text = pullBody([{ ...change, record: JSON.stringify(tally) }], 7, more);
        const parsed = PullResponseSchema.parse(JSON.parse(text));
        expect(parsed).toEqual({ changes: [{ kind: 'tally', ...change, record: tally }], lastSeq: 7, more });
      }),
      { numRuns: 50 },
    );
  });

  it('answers an empty page with the checkpoint it was asked from', () => {
    expect(JSON.parse(pullBody([], 12, false))).toEqual({ changes: [], lastSeq: 12, more: false });
  });
});
