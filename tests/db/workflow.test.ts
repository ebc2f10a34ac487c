import { describe, expect, it } from 'vitest';
import { checkTally, compareEntries } from '../../src/domain/checks/index.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { emptyTally } from '../../src/domain/tally/fields.ts';
import {
  acceptWarnings,
  finaliseDesa,
  getHistory,
  getTally,
  listTallies,
  markEntered,
  reopenDesa,
  replayHistory,
  saveSecondEntry,
  setFigure,
  verifyReadback,
} from '../../src/db/index.ts';
import { CLEAN_PPWP, dbWithSetup, freshDb, KEY1, P, SETUP, TPS1, TPS2, TPS_OTHER_DESA, typeForm } from './fixtures.ts';
import { DESA1, DESA1_TPS, verified as verifiedForm, votesFor } from './plenary-fixtures.ts';

describe('setFigure', () => {
  it('creates the tally from the setup, empty → draft, keeps other cells empty (not 0)', async () => {
    const db = await dbWithSetup();
    const r = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.dptTotal, value: 200, actor: 'Ani' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.changed).toBe(true);
    expect(r.value.row.status).toBe('draft');
    expect(r.value.row.desa).toBe('3509082001');
    expect(r.value.row.revision).toBe(1);
    expect(r.value.row.tally.voters.dpt).toEqual({ male: null, female: null, total: 200 });
    expect(r.value.row.tally.votes).toEqual({ 1: null, 2: null, 3: null });
    const stored = await getTally(db, KEY1);
    expect(stored.ok && stored.value?.tally.voters.dpt.total).toBe(200);
  });

  it('stores 0 and null distinctly, and the same value again is a no-op', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 0, actor: 'Ani' });
    const again = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 0, actor: 'Ani' });
    expect(again.ok && again.value.changed).toBe(false);
    expect(again.ok && again.value.row.revision).toBe(1);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: null, actor: 'Ani' });
    const row = await getTally(db, KEY1);
    expect(row.ok && row.value?.tally.votes).toEqual({ 1: null, 2: null, 3: null });
    expect(row.ok && row.value?.status).toBe('draft');
  });

  it('refuses unknown TPS, contest, field, bad values, a blank actor and a missing setup', async () => {
    const db = await dbWithSetup();
    const base = { tps: TPS1, contest: 'PPWP' as const, path: P.vote1, value: 1, actor: 'Ani' };
    const unknownTps = await setFigure(db, { ...base, tps: '3509082001777' as typeof TPS1 });
    expect(!unknownTps.ok && unknownTps.error.kind).toBe('unknown-tally');
    const unknownContest = await setFigure(db, { ...base, contest: 'DPD' });
    expect(!unknownContest.ok && unknownContest.error.kind).toBe('unknown-tally');
    const unknownField = await setFigure(db, { ...base, path: 'votes.9' });
    expect(!unknownField.ok && unknownField.error.kind).toBe('unknown-field');
    const nan = await setFigure(db, { ...base, value: Number.NaN });
    expect(!nan.ok && nan.error.kind).toBe('invalid-value');
    const noActor = await setFigure(db, { ...base, actor: '  ' });
    expect(!noActor.ok && noActor.error.kind).toBe('actor-required');
    // Out-of-range numbers are stored so that E11 can flag them (nothing clamped).
    const big = await setFigure(db, { ...base, value: 1200 });
    expect(big.ok && big.value.row.tally.votes).toMatchObject({ 1: 1200 });

    const empty = freshDb();
    const none = await setFigure(empty, base);
    expect(!none.ok && none.error.kind).toBe('no-setup');
    expect(await empty.tallies.count()).toBe(0);
    expect(await db.revisions.where('key').equals(KEY1).count()).toBe(1);
  });

  it('works for party contests (DPR candidate cells)', async () => {
    const db = await dbWithSetup();
    const r = await setFigure(db, { tps: TPS1, contest: 'DPR', path: 'votes.2.candidates.1', value: 7, actor: 'Ani' });
    expect(r.ok && r.value.row.tally).toMatchObject({ contest: 'DPR', votes: { 2: { partyOnly: null, candidates: { 1: 7, 2: null }, total: null } } });
  });
});

describe('markEntered', () => {
  it('refuses an incomplete form and lists the missing cells', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani', { 'votes.2': null, invalid: null });
    const r = await markEntered(db, KEY1, 'Ani', []);
    expect(!r.ok && r.error.kind).toBe('incomplete');
    if (!r.ok && r.error.kind === 'incomplete') expect(r.error.missing).toEqual(['votes.2', 'invalid']);
    const row = await getTally(db, KEY1);
    expect(row.ok && row.value?.status).toBe('draft');
  });

  it('refuses a form never started (not-found)', async () => {
    const db = await dbWithSetup();
    const r = await markEntered(db, KEY1, 'Ani', []);
    expect(!r.ok && r.error.kind).toBe('not-found');
  });

  it('requires each open warning to be accepted with a reason, and stores the acceptance', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani', { 'ballots.received': 210, 'ballots.unused': 90 }); // W02 only
    const typed = await getTally(db, KEY1);
    if (!typed.ok || !typed.value) throw new Error('no tally');
    const codes = checkTally(typed.value.tally, SETUP.contests[0]).map((f) => f.code);
    expect(codes).toEqual(['W02']);

    const refused = await markEntered(db, KEY1, 'Ani', [{ code: 'W02', reason: '   ' }]);
    expect(!refused.ok && refused.error.kind).toBe('warnings-unaccepted');
    if (!refused.ok && refused.error.kind === 'warnings-unaccepted') expect(refused.error.codes).toEqual(['W02']);

    const r = await markEntered(db, KEY1, 'Ani', [{ code: 'W02', reason: 'KPPS menerima 6 lembar tambahan' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.status).toBe('entered');
    expect(r.value.tally.enteredBy).toBe('Ani');
    expect(r.value.tally.acceptedWarnings).toEqual([{ code: 'W02', reason: 'KPPS menerima 6 lembar tambahan', by: 'Ani', at: expect.any(String) }]);
  });

  it('does not let errors block "entered" (they block verification)', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani', { valid: 116 }); // E06 + E08
    const r = await markEntered(db, KEY1, 'Ani', []);
    expect(r.ok && r.value.status).toBe('entered');
    const v = await verifyReadback(db, KEY1, 'Budi');
    expect(!v.ok && v.error.kind).toBe('has-errors');
    if (!v.ok && v.error.kind === 'has-errors') expect(v.error.codes).toEqual(expect.arrayContaining(['E06', 'E08']));
  });
});

describe('after "entered": corrections need a reason', () => {
  it('refuses a change without reason (nothing written), keeps a correction with reason', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    const before = await db.revisions.count();

    const noReason = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ani', reason: ' ' });
    expect(!noReason.ok && noReason.error.kind).toBe('reason-required');
    expect(await db.revisions.count()).toBe(before);
    const unchanged = await getTally(db, KEY1);
    expect(unchanged.ok && unchanged.value?.tally.votes).toMatchObject({ 1: 30 });

    const fixed = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ani', reason: 'salah baca C.Hasil' });
    expect(fixed.ok && fixed.value.row.status).toBe('entered');
    const history = await getHistory(db, KEY1);
    expect(history.at(-1)).toMatchObject({
      kind: 'correction',
      by: 'Ani',
      reason: 'salah baca C.Hasil',
      changes: [{ path: 'votes.1', before: 30, after: 31 }],
      statusBefore: 'entered',
      statusAfter: 'entered',
    });
  });

  it('a verified tally returns to "entered" when corrected; a finalised desa is locked until reopened (→ verified)', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    const verified = await verifyReadback(db, KEY1, 'Budi');
    expect(verified.ok && verified.value.tally).toMatchObject({ status: 'verified', verifiedBy: 'Budi' });

    const corrected = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'disabled.male', value: 0, actor: 'Ani', reason: 'x' });
    expect(corrected.ok && corrected.value.changed).toBe(false); // same value: nothing happens
    const fixed = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.invalid, value: 6, actor: 'Ani', reason: 'ulang hitung' });
    expect(fixed.ok && fixed.value.row.tally).toMatchObject({ status: 'entered', verifiedBy: null });
    const fixedBack = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.invalid, value: 5, actor: 'Ani', reason: 'ulang hitung 2' });
    expect(fixedBack.ok).toBe(true);

    expect((await verifyReadback(db, KEY1, 'Budi')).ok).toBe(true);
    // The other TPS of the desa, with other votes (no W05 duplicate of TPS 001).
    for (const [i, tps] of DESA1_TPS.slice(1).entries()) await verifiedForm(db, tps, votesFor(i + 1));
    const fin = await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    expect(fin.ok).toBe(true);
    expect(await getTally(db, KEY1)).toMatchObject({ ok: true, value: { status: 'final' } });
    const locked = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani', reason: 'r' });
    expect(!locked.ok && locked.error).toMatchObject({ kind: 'workflow-refused', refusal: { code: 'desa-final' } });
    const lockedMark = await markEntered(db, KEY1, 'Ani', []);
    expect(!lockedMark.ok && lockedMark.error).toMatchObject({ kind: 'workflow-refused', refusal: { code: 'desa-final' } });

    const noReason = await reopenDesa(db, DESA1, 'PPWP', 'Ketua', '');
    expect(!noReason.ok && noReason.error.kind).toBe('reason-required');
    const reopened = await reopenDesa(db, DESA1, 'PPWP', 'Ketua', 'keberatan saksi');
    expect(reopened.ok).toBe(true);
    // The table: final → verified (a change after it is a correction, which needs verifying again).
    expect(await getTally(db, KEY1)).toMatchObject({ ok: true, value: { tally: { status: 'verified', verifiedBy: 'Budi' } } });
    const h = await getHistory(db, KEY1);
    expect(h.at(-1)).toMatchObject({ kind: 'status', statusBefore: 'final', statusAfter: 'verified', reason: 'keberatan saksi', by: 'Ketua' });
    expect(h.map((r) => `${r.kind}:${r.statusBefore}→${r.statusAfter}`).filter((k) => !k.startsWith('edit:draft→draft'))).toEqual([
      'edit:empty→draft',
      'status:draft→entered',
      'status:entered→verified',
      'correction:verified→entered',
      'correction:entered→entered',
      'status:entered→verified',
      'status:verified→final',
      'status:final→verified',
    ]);
    // The history holds everything: replaying it gives the stored tally, statuses and names included.
    const stored = await getTally(db, KEY1);
    expect(replayHistory(emptyTally(TPS1, SETUP.contests[0]!), h)).toEqual(stored.ok && stored.value?.tally);
  });
});

describe('verification', () => {
  it('read-back: refuses the same person (case/space-insensitive) and draft tallies', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    const draft = await verifyReadback(db, KEY1, 'Budi');
    expect(!draft.ok && draft.error.kind).toBe('wrong-status');
    await markEntered(db, KEY1, 'Ani', []);
    const same = await verifyReadback(db, KEY1, ' ani ');
    expect(!same.ok && same.error.kind).toBe('same-person');
    const ok = await verifyReadback(db, KEY1, 'Budi');
    expect(ok.ok).toBe(true);
    const twice = await verifyReadback(db, KEY1, 'Citra');
    expect(!twice.ok && twice.error.kind).toBe('wrong-status');
  });

  it('a warning raised by a correction must be accepted before verification', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.received, value: 210, actor: 'Ani', reason: 'r' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'ballots.unused', value: 90, actor: 'Ani', reason: 'r' });
    const v = await verifyReadback(db, KEY1, 'Budi');
    expect(!v.ok && v.error.kind).toBe('warnings-unaccepted');
    expect((await acceptWarnings(db, KEY1, 'Ani', [{ code: 'W02', reason: 'tambahan dari PPS' }])).ok).toBe(true);
    expect((await verifyReadback(db, KEY1, 'Budi')).ok).toBe(true);
  });

  it('blind double entry: differences are W06 findings; a matching entry by another person verifies', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    const first = await getTally(db, KEY1);
    if (!first.ok || !first.value) throw new Error('no tally');
    const firstTally = first.value.tally;

    const samePerson = await saveSecondEntry(db, KEY1, firstTally, 'Ani');
    expect(!samePerson.ok && samePerson.error.kind).toBe('same-person');

    const partial = { ...firstTally, votes: { 1: 30, 2: 50, 3: null }, status: 'draft' } as Tally;
    const p = await saveSecondEntry(db, KEY1, partial, 'Budi');
    expect(p.ok && p.value).toMatchObject({ complete: false, verified: false, differences: [] });

    const differing = { ...firstTally, votes: { 1: 30, 2: 55, 3: 35 } } as Tally;
    const d = await saveSecondEntry(db, KEY1, differing, 'Budi');
    expect(d.ok && d.value.verified).toBe(false);
    expect(d.ok && d.value.differences.map((f) => [f.code, f.fields])).toEqual([['W06', ['votes.2']]]);
    const stillEntered = await getTally(db, KEY1);
    const stored = stillEntered.ok ? stillEntered.value : null;
    expect(stored && stored.secondEntry && compareEntries(stored.tally, stored.secondEntry.tally)).toHaveLength(1);
    expect(stored?.status).toBe('entered');

    const matching = await saveSecondEntry(db, KEY1, { ...firstTally, status: 'draft' }, 'Budi');
    expect(matching.ok && matching.value).toMatchObject({ complete: true, verified: true, differences: [] });
    const row = await getTally(db, KEY1);
    expect(row.ok && row.value?.tally).toMatchObject({ status: 'verified', verifiedBy: 'Budi' });
    expect(row.ok && row.value?.secondEntry?.by).toBe('Budi');
  });

  it('a second entry of another TPS is refused', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    const first = await getTally(db, KEY1);
    if (!first.ok || !first.value) throw new Error('no tally');
    const r = await saveSecondEntry(db, KEY1, { ...first.value.tally, tps: TPS2 }, 'Budi');
    expect(!r.ok && r.error.kind).toBe('unknown-tally');
  });
});

describe('listTallies', () => {
  it('filters by desa, contest, status and tps through the indexes', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    await setFigure(db, { tps: TPS1, contest: 'DPR', path: 'valid', value: 1, actor: 'Ani' });
    await setFigure(db, { tps: TPS_OTHER_DESA, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    await typeForm(db, TPS2, 'Ani');
    await markEntered(db, tallyKey({ tps: TPS2, contest: 'PPWP' }), 'Ani', []);

    const keys = async (f: Parameters<typeof listTallies>[1]) => (await listTallies(db, f)).rows.map((r) => r.key).sort();
    expect(await keys(undefined)).toHaveLength(4);
    expect(await keys({ desa: '3509082001' as never })).toEqual([`${TPS1}:DPR`, `${TPS1}:PPWP`, `${TPS2}:PPWP`]);
    expect(await keys({ desa: '3509082001' as never, contest: 'PPWP' })).toEqual([`${TPS1}:PPWP`, `${TPS2}:PPWP`]);
    expect(await keys({ contest: 'DPR' })).toEqual([`${TPS1}:DPR`]);
    expect(await keys({ status: 'entered' })).toEqual([`${TPS2}:PPWP`]);
    expect(await keys({ tps: TPS1, contest: 'PPWP' })).toEqual([`${TPS1}:PPWP`]);
    expect(await keys({ desa: '3509082001' as never, status: 'draft' })).toEqual([`${TPS1}:DPR`, `${TPS1}:PPWP`]);
    expect(CLEAN_PPWP['votes.1']).toBe(30);

    // Lists reuse validated rows, but a change is always seen.
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 2, actor: 'Ani' });
    const again = await listTallies(db, { tps: TPS1, contest: 'PPWP' });
    expect(again.rows[0]?.tally.votes).toMatchObject({ 1: 2 });
  });
});
