import { describe, expect, it } from 'vitest';
import { TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import type { ContestSetup } from '../../../src/domain/setup/schema.ts';
import { emptyTally, figurePaths, getFigure, paperOrder, setFigure } from '../../../src/domain/tally/fields.ts';
import { TallySchema } from '../../../src/domain/tally/tally.ts';

const tps = TpsCodeSchema.parse('3509082001001');
const ppwp: ContestSetup = {
  id: 'PPWP',
  name: 'Presiden',
  candidates: [1, 2, 3].map((n) => ({ number: n, name: `Paslon ${n}` })),
};
const dpr: ContestSetup = {
  id: 'DPR',
  name: 'DPR',
  dapil: { name: 'Jawa Timur IV', seats: 2 },
  parties: [
    { number: 1, name: 'PKB', candidates: [{ number: 1, name: 'A' }, { number: 2, name: 'B' }] },
    { number: 24, name: 'Ummat', candidates: [{ number: 1, name: 'C' }] },
  ],
};

describe('paperOrder', () => {
  it('lists sections I to V in the order of the printed form', () => {
    const order = paperOrder(dpr);
    expect(order.slice(0, 4)).toEqual(['voters.dpt.male', 'voters.dpt.female', 'voters.dpt.total', 'voters.usedDpt.male']);
    expect(order.slice(15, 22)).toEqual([
      'ballots.received', 'ballots.used', 'ballots.returned', 'ballots.unused',
      'disabled.male', 'disabled.female', 'disabled.total',
    ]);
    expect(order.slice(22)).toEqual([
      'votes.1.partyOnly', 'votes.1.candidates.1', 'votes.1.candidates.2', 'votes.1.total',
      'votes.24.partyOnly', 'votes.24.candidates.1', 'votes.24.total',
      'valid', 'invalid', 'total',
    ]);
  });

  it('gives PPWP one cell per pair', () => {
    expect(paperOrder(ppwp).filter((p) => p.startsWith('votes.'))).toEqual(['votes.1', 'votes.2', 'votes.3']);
  });
});

describe('emptyTally', () => {
  it('has every cell of the form, all not entered (null, never 0)', () => {
    const tally = emptyTally(tps, dpr);
    expect(TallySchema.parse(tally)).toEqual(tally);
    for (const path of paperOrder(dpr)) expect(getFigure(tally, path)).toBeNull();
    expect(figurePaths(tally)).toEqual(paperOrder(dpr));
    expect(tally.status).toBe('empty');
  });
});

describe('setFigure / getFigure', () => {
  it('replaces one figure without touching the original', () => {
    const before = emptyTally(tps, dpr);
    const after = setFigure(before, 'votes.24.candidates.1', 0);
    expect(getFigure(after, 'votes.24.candidates.1')).toBe(0);
    expect(getFigure(before, 'votes.24.candidates.1')).toBeNull();
    expect(getFigure(setFigure(after, 'votes.24.candidates.1', null), 'votes.24.candidates.1')).toBeNull();
  });

  it('refuses paths that are not figures of the form', () => {
    const tally = emptyTally(tps, ppwp);
    expect(() => setFigure(tally, 'votes.4', 1)).toThrow(/No figure/);
    expect(() => setFigure(tally, 'voters.dpt', 1)).toThrow(/No figure/);
    expect(() => setFigure(tally, 'tps', 1)).toThrow(/No figure/);
    expect(getFigure(tally, 'votes.4')).toBeUndefined();
    expect(getFigure(tally, 'voters')).toBeUndefined();
  });
});

describe('TallySchema', () => {
  it('accepts figures above the paper’s 999 so that E11 can flag them, and refuses what is no figure', () => {
    const parsed = TallySchema.parse(setFigure(emptyTally(tps, ppwp), 'valid', 1200));
    expect(parsed.valid).toBe(1200);
    for (const bad of [-1, 1.5, 1_000_000, 1e308]) expect(TallySchema.safeParse({ ...emptyTally(tps, ppwp), valid: bad }).success).toBe(false);
  });

  it('refuses text where a figure belongs and an unknown contest', () => {
    expect(TallySchema.safeParse({ ...emptyTally(tps, ppwp), valid: '179' }).success).toBe(false);
    expect(TallySchema.safeParse({ ...emptyTally(tps, ppwp), contest: 'DPRD' }).success).toBe(false);
  });
});
