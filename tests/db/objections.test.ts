import { describe, expect, it } from 'vitest';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import {
  correctionCandidates,
  decideObjection,
  getHistory,
  getObjection,
  linkCorrections,
  linkedRevisions,
  listObjections,
  markEntered,
  recordObjection,
  setFigure,
} from '../../src/db/index.ts';
import { dbWithSetup, KEY1, P, TPS1, TPS2, typeForm } from './fixtures.ts';
import { DESA1, DESA2, DESA2_TPS, recorded, specialEvent } from './plenary-fixtures.ts';

describe('recordObjection', () => {
  it('stores a pending objection with who and when, found by desa, TPS and contest', async () => {
    const db = await dbWithSetup();
    const row = await recorded(db, {
      kind: 'objection',
      scope: { level: 'tps', tps: TPS1 },
      contest: 'DPR',
      raisedBy: { role: 'witness', of: { kind: 'party', number: 2 }, name: 'Slamet' },
      description: '  Suara Gerindra dibacakan 47, tertulis 41.  ',
    });
    expect(row.objection.decision).toEqual({ status: 'pending' });
    expect(row.objection.recordedBy).toBe('Ketua PPK');
    expect(row.objection.description).toBe('Suara Gerindra dibacakan 47, tertulis 41.');
    expect([row.desa, row.tps, row.contest]).toEqual([DESA1, TPS1, 'DPR']);
    expect(row.history.map((e) => e.action)).toEqual(['recorded']);
    await recorded(db, specialEvent(DESA2_TPS[0]!, { contest: null }));
    await recorded(db, specialEvent(TPS2, { scope: { level: 'kecamatan' }, contest: 'PPWP' }));

    expect((await listObjections(db)).rows).toHaveLength(3);
    expect((await listObjections(db, { desa: DESA1 })).rows.map((r) => r.id)).toEqual([row.id]);
    expect((await listObjections(db, { tps: DESA2_TPS[0]! })).rows).toHaveLength(1);
    // A contest filter keeps objections naming no contest (they concern every contest).
    expect((await listObjections(db, { desa: DESA2, contest: 'DPR' })).rows).toHaveLength(1);
    expect((await listObjections(db, { contest: 'DPR' })).rows).toHaveLength(2);
  });

  it('refuses what does not hold (path-named), a blank recorder, and stores nothing', async () => {
    const db = await dbWithSetup();
    const unknownTps = await recordObjection(db, specialEvent('3509082001777' as never), 'Ketua');
    expect(!unknownTps.ok && unknownTps.error.kind).toBe('invalid-objection');
    expect(!unknownTps.ok && unknownTps.error.kind === 'invalid-objection' && unknownTps.error.issues.map((i) => i.path)).toEqual(['scope.tps']);
    const blank = await recordObjection(db, specialEvent(TPS1, { description: ' ' }), 'Ketua');
    expect(!blank.ok && blank.error.kind === 'invalid-objection' && blank.error.issues[0]!.path).toBe('description');
    const wrongWitness = await recordObjection(db, specialEvent(TPS1, { raisedBy: { role: 'witness', of: { kind: 'party', number: 1 }, name: null } }), 'Ketua');
    expect(!wrongWitness.ok && wrongWitness.error.kind).toBe('invalid-objection');
    const noActor = await recordObjection(db, specialEvent(TPS1), '  ');
    expect(!noActor.ok && noActor.error.kind).toBe('actor-required');
    expect(await db.objections.count()).toBe(0);
  });
});

describe('decideObjection', () => {
  it('records the decision with its note; a later decision keeps the earlier one in the history', async () => {
    const db = await dbWithSetup();
    const row = await recorded(db, specialEvent(TPS1));
    const noNote = await decideObjection(db, row.id, { status: 'rejected', note: ' ' }, 'Ketua');
    expect(!noNote.ok && noNote.error.kind).toBe('reason-required');
    const first = await decideObjection(db, row.id, { status: 'noted', note: 'Dicatat di berita acara' }, 'Ketua');
    expect(first.ok && first.value.objection.decision).toMatchObject({ status: 'noted', note: 'Dicatat di berita acara', by: 'Ketua' });
    const second = await decideObjection(db, row.id, { status: 'recounted', note: 'Dihitung ulang: sesuai' }, 'Wakil');
    expect(second.ok).toBe(true);
    const stored = await getObjection(db, row.id);
    const history = stored.ok ? stored.value!.history : [];
    expect(history.map((e) => e.action)).toEqual(['recorded', 'decided', 'decided']);
    expect(history[2]).toMatchObject({ by: 'Wakil', before: { status: 'noted' }, after: { status: 'recounted' } });
    expect(stored.ok && stored.value!.revision).toBe(3);
    const missing = await decideObjection(db, 'nope', { status: 'noted', note: 'x' }, 'Ketua');
    expect(!missing.ok && missing.error.kind).toBe('not-found');
  });
});

describe('linkCorrections', () => {
  it('offers the TPS’s corrections, links the chosen ones, refuses others', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    const fix = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ketua', reason: 'Keberatan saksi: dihitung ulang' });
    expect(fix.ok).toBe(true);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.invalid, value: 4, actor: 'Ketua', reason: 'Keberatan saksi' });
    await typeForm(db, TPS2, 'Ani');
    await markEntered(db, tallyKey({ tps: TPS2, contest: 'PPWP' }), 'Ani', []);
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 29, actor: 'Ketua', reason: 'Lain' });

    const row = await recorded(db, specialEvent(TPS1, { kind: 'objection' }));
    const candidates = await correctionCandidates(db, row.objection);
    expect(candidates.map((r) => [r.key, r.kind, r.reason])).toEqual([
      [KEY1, 'correction', 'Keberatan saksi'],
      [KEY1, 'correction', 'Keberatan saksi: dihitung ulang'],
    ]);
    const chosen = candidates[1]!;
    const linked = await linkCorrections(db, row.id, [{ key: chosen.key, revision: chosen.revision }], 'Ketua');
    expect(linked.ok && linked.value.objection.corrections).toEqual([{ key: KEY1, revision: chosen.revision }]);
    expect((await linkedRevisions(db, [{ key: KEY1, revision: chosen.revision }])).map((r) => r.reason)).toEqual(['Keberatan saksi: dihitung ulang']);

    // Another TPS's correction, an edit that is not a correction, a revision that does not exist.
    const other = await linkCorrections(db, row.id, [{ key: tallyKey({ tps: TPS2, contest: 'PPWP' }), revision: 30 }], 'Ketua');
    expect(!other.ok && other.error.kind).toBe('invalid-objection');
    const firstEdit = (await getHistory(db, KEY1))[0]!;
    const edit = await linkCorrections(db, row.id, [{ key: KEY1, revision: firstEdit.revision }], 'Ketua');
    expect(!edit.ok && edit.error.kind).toBe('invalid-objection');
    const none = await linkCorrections(db, row.id, [{ key: KEY1, revision: 999 }], 'Ketua');
    expect(!none.ok && none.error.kind).toBe('invalid-objection');
    const stored = await getObjection(db, row.id);
    expect(stored.ok && stored.value!.objection.corrections).toEqual([{ key: KEY1, revision: chosen.revision }]);
    expect(stored.ok && stored.value!.history.map((e) => e.action)).toEqual(['recorded', 'linked']);
  });
});

describe('reading damaged rows', () => {
  it('lists a damaged objection as corrupt instead of failing', async () => {
    const db = await dbWithSetup();
    await recorded(db, specialEvent(TPS1));
    await db.objections.put({ id: 'bad', desa: DESA1, tps: TPS1, contest: 'PPWP' } as never);
    const list = await listObjections(db);
    expect(list.rows).toHaveLength(1);
    expect(list.corrupt.map((c) => c.key)).toEqual(['bad']);
    const one = await getObjection(db, 'bad');
    expect(!one.ok && one.error.kind).toBe('corrupt');
  });
});
