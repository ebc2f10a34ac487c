import { describe, expect, it } from 'vitest';
import { getHistory, getTally, setFigures } from '../../src/db/index.ts';
import { dbWithSetup, KEY1, P, TPS1 } from './fixtures.ts';

describe('setFigures (the entry form’s batched autosave)', () => {
  it('stores every cell of a batch in one go, each with its own revision in the history', async () => {
    const db = await dbWithSetup();
    const r = await setFigures(db, {
      tps: TPS1,
      contest: 'PPWP',
      changes: [
        { path: P.vote1, value: 13 },
        { path: 'votes.2', value: 0 },
        { path: P.dptTotal, value: 284 },
      ],
      actor: 'Ani',
    });
    expect(r.ok && r.value.changed).toBe(true);
    const row = await getTally(db, KEY1);
    expect(row.ok && row.value?.tally.votes).toEqual({ 1: 13, 2: 0, 3: null });
    expect(row.ok && row.value?.tally.voters.dpt.total).toBe(284);
    const history = await getHistory(db, KEY1);
    expect(history.flatMap((rev) => rev.changes.map((c) => `${c.path}:${String(c.before)}→${String(c.after)}`))).toEqual([
      'votes.1:null→13',
      'votes.2:null→0',
      'voters.dpt.total:null→284',
    ]);
  });

  it('writes nothing when one cell of the batch is refused', async () => {
    const db = await dbWithSetup();
    await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: P.vote1, value: 1 }], actor: 'Ani' });
    const r = await setFigures(db, {
      tps: TPS1,
      contest: 'PPWP',
      changes: [
        { path: 'votes.2', value: 5 },
        { path: 'votes.9', value: 5 },
      ],
      actor: 'Ani',
    });
    expect(!r.ok && r.error.kind).toBe('unknown-field');
    const row = await getTally(db, KEY1);
    expect(row.ok && row.value?.tally.votes).toEqual({ 1: 1, 2: null, 3: null });
    expect(row.ok && row.value?.revision).toBe(1);
  });
});
