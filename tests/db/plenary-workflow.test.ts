import { describe, expect, it } from 'vitest';
import { isWarningAccepted } from '../../src/domain/checks/index.ts';
import { checkDesaDuplicates } from '../../src/domain/checks/index.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { acceptGroupWarning, auditOfRecord, decideObjection, finaliseDesa, getTally, markEntered, setFigure, verifyReadback } from '../../src/db/index.ts';
import { dbWithSetup, KEY1, P, TPS1, TPS2, typeForm } from './fixtures.ts';
import { DESA1, recorded, specialEvent, TPS901, verified, votesFor } from './plenary-fixtures.ts';

const KEY2 = tallyKey({ tps: TPS2, contest: 'PPWP' });

async function tallyOf(db: Awaited<ReturnType<typeof dbWithSetup>>, key: typeof KEY1) {
  const r = await getTally(db, key);
  if (!r.ok || !r.value) throw new Error('no tally');
  return r.value.tally;
}

describe('accepting W04/W05 (found across tallies) from the findings list', () => {
  it('stores a W05 acceptance with reason and name on the tally it is about, with an audit entry', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await typeForm(db, TPS2, 'Ani'); // the same vote figures: W05 on both
    const w05 = checkDesaDuplicates([await tallyOf(db, KEY1), await tallyOf(db, KEY2)]).find((f) => f.tps === TPS1)!;
    expect(w05.code).toBe('W05');

    const r = await acceptGroupWarning(db, KEY1, 'Budi', { code: 'W05', reason: 'Dicek dengan C.Hasil: memang sama' });
    expect(r.ok).toBe(true);
    const tally = await tallyOf(db, KEY1);
    expect(tally.acceptedWarnings).toEqual([expect.objectContaining({ code: 'W05', reason: 'Dicek dengan C.Hasil: memang sama', by: 'Budi' })]);
    expect(isWarningAccepted(w05, tally)).toBe(true);
    // the other TPS's W05 stays open until someone accepts it there
    expect((await tallyOf(db, KEY2)).acceptedWarnings ?? []).toEqual([]);
    const audit = await auditOfRecord(db, KEY1);
    expect(audit.at(-1)?.change).toMatchObject({ actor: 'Budi', record: { kind: 'tally', key: KEY1 } });
  });

  it('refuses a warning that no longer holds, a blank reason, and a final tally, changing nothing', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await typeForm(db, TPS2, 'Ani');
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ani' }); // no longer a duplicate
    const before = await tallyOf(db, KEY1);

    const gone = await acceptGroupWarning(db, KEY1, 'Budi', { code: 'W05', reason: 'sama' });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'warning-not-open', code: 'W05' } });
    const noW04 = await acceptGroupWarning(db, KEY1, 'Budi', { code: 'W04', reason: 'beda DPT' });
    expect(noW04).toMatchObject({ ok: false, error: { kind: 'warning-not-open', code: 'W04' } });
    const blank = await acceptGroupWarning(db, KEY1, 'Budi', { code: 'W05', reason: '  ' });
    expect(blank).toMatchObject({ ok: false, error: { kind: 'reason-required' } });
    expect(await tallyOf(db, KEY1)).toEqual(before);

    await markEntered(db, KEY1, 'Ani', []);
    await verifyReadback(db, KEY1, 'Budi');
    // Final as pulled from the server before its desa's finalisation row: the form itself is locked.
    const row = (await db.tallies.get(KEY1))!;
    await db.tallies.put({ ...row, status: 'final', revision: row.revision + 1, tally: { ...row.tally, status: 'final' } });
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' }); // duplicate again
    const locked = await acceptGroupWarning(db, KEY1, 'Budi', { code: 'W05', reason: 'sama' });
    expect(locked).toMatchObject({ ok: false, error: { kind: 'locked' } });
  });

  it('accepts W04 when the DPT differs between contests at one TPS', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await typeForm(db, TPS1, 'Ani', { 'voters.dpt.male': 101, 'voters.dpt.total': 201 }, 'DPR');
    const dprKey = tallyKey({ tps: TPS1, contest: 'DPR' });
    const r = await acceptGroupWarning(db, dprKey, 'Budi', { code: 'W04', reason: 'DPT DPR memang 201 di C.Hasil' });
    expect(r.ok).toBe(true);
    expect((await tallyOf(db, dprKey)).acceptedWarnings?.map((a) => a.code)).toEqual(['W04']);
    // PPWP holds the reference value: it has no W04 to accept
    expect(await acceptGroupWarning(db, KEY1, 'Budi', { code: 'W04', reason: 'x' })).toMatchObject({ ok: false, error: { kind: 'warning-not-open' } });
  });
});

describe('an error the paper form itself carries', () => {
  // valid (115) + invalid (5) = 120 = total, but the pairs' votes add up to 116: E08, and the plano says so too
  const inconsistent = { 'votes.1': 31 };

  it('blocks verification until the plenary decides a special event for that TPS; then verifies and finalises', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani', inconsistent);
    expect((await markEntered(db, KEY1, 'Ani', [])).ok).toBe(true);
    expect(await verifyReadback(db, KEY1, 'Budi')).toMatchObject({ ok: false, error: { kind: 'has-errors', codes: ['E08'] } });

    const event = await recorded(db, specialEvent(TPS1));
    // recorded but not decided: it covers nothing yet
    expect(await verifyReadback(db, KEY1, 'Budi')).toMatchObject({ ok: false, error: { kind: 'has-errors' } });
    // an objection about another TPS covers nothing either
    await decideObjection(db, (await recorded(db, specialEvent(TPS2))).id, { status: 'noted', note: 'dicatat' }, 'Ketua PPK');
    expect(await verifyReadback(db, KEY1, 'Budi')).toMatchObject({ ok: false, error: { kind: 'has-errors' } });

    await decideObjection(db, event.id, { status: 'noted', note: 'Dicatat dalam berita acara' }, 'Ketua PPK');
    expect(await verifyReadback(db, KEY1, 'Budi')).toMatchObject({ ok: true, value: { status: 'verified' } });
    for (const [i, tps] of [TPS2, TPS901].entries()) await verified(db, tps, votesFor(i + 1));
    expect(await finaliseDesa(db, DESA1, 'PPWP', 'Ketua PPK')).toMatchObject({ ok: true, value: { state: 'final' } });
    expect(await tallyOf(db, KEY1)).toMatchObject({ status: 'final' });
  });
});
