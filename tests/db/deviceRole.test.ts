import { describe, expect, it } from 'vitest';
import { STANDALONE_ACTOR } from '../../src/domain/workflow/actor.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import {
  acceptWarnings,
  decideObjection,
  exportTallies,
  importTallies,
  finaliseDesa,
  getTally,
  linkCorrections,
  markEntered,
  recordObjection,
  reopenDesa,
  setFigure,
} from '../../src/db/index.ts';
import { deviceActor } from '../../src/db/deviceActor.ts';
import { enrolAs as enrol } from './enrolAs.ts';
import { dbWithSetup, P, TPS1, TPS2, typeForm } from './fixtures.ts';
import { DESA1, DESA1_TPS, DESA2, specialEvent, verified, votesFor } from './plenary-fixtures.ts';

const KEY2 = tallyKey({ tps: TPS2, contest: 'PPWP' });
describe('deviceActor: the device’s role from its enrolment', () => {
  it('is the whole PPK before enrolment, and the enrolled role (with the clerk’s desa) after', async () => {
    const db = await dbWithSetup();
    expect(await deviceActor(db)).toEqual(STANDALONE_ACTOR);
    await enrol(db, 'clerk', 'panel-1', [DESA2]);
    expect(await deviceActor(db)).toEqual({ role: 'clerk', panel: 'panel-1', desa: [DESA2] });
    await enrol(db, 'witness', null, null);
    expect(await deviceActor(db)).toEqual({ role: 'witness', panel: null, desa: [] });
    // Unenrolled again (the engine stores null).
    await db.sync.put({ key: 'enrolment', value: null });
    expect(await deviceActor(db)).toEqual(STANDALONE_ACTOR);
  });
});

describe('the workflow table decides for the enrolled device', () => {
  it('a clerk device types its panel’s desa but is refused on another panel’s form, naming it', async () => {
    const db = await dbWithSetup();
    await enrol(db, 'clerk', 'panel-1', [DESA2]);
    const mine = await setFigure(db, { tps: '3509082002001' as typeof TPS1, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    expect(mine.ok && mine.value.row.status).toBe('draft');

    const other = await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    expect(other).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'other-panel', desa: DESA1 } } });
    if (!other.ok) {
      expect(other.error.message.id).toMatch(/^Puger Kulon TPS 002, Presiden: desa Puger Kulon dikerjakan panel lain/);
      expect(other.error.message.en).toMatch(/^Puger Kulon TPS 002, President: /);
    }
    expect(await getTally(db, KEY2)).toEqual({ ok: true, value: null });
    expect(await db.outbox.count()).toBe(1);
  });

  it('a witness device may not type figures nor take any step of a form', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await enrol(db, 'witness', null, null);
    const typed = await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Saksi' });
    expect(typed).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'read-only-role' } } });
    if (!typed.ok) expect(typed.error.message.id).toContain('Puger Kulon TPS 002, Presiden: saksi tidak menulis angka formulir');
    const marked = await markEntered(db, tallyKey({ tps: TPS1, contest: 'PPWP' }), 'Saksi', []);
    expect(marked).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'read-only-role' } } });
    expect(await getTally(db, KEY2)).toEqual({ ok: true, value: null });
  });

  it('a witness device files an objection (signed as filed by a witness) but may not decide or link it', async () => {
    const db = await dbWithSetup();
    await enrol(db, 'witness', null, null);
    const filed = await recordObjection(db, specialEvent(TPS1), 'Saksi Paslon 2');
    expect(filed.ok && filed.value.objection).toMatchObject({ decision: { status: 'pending' }, filedBy: { name: 'Saksi Paslon 2', role: 'witness' } });
    if (!filed.ok) return;
    const decided = await decideObjection(db, filed.value.id, { status: 'noted', note: 'dicatat' }, 'Saksi Paslon 2');
    expect(decided).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'chair-only', action: 'decide' } } });
    if (!decided.ok) expect(decided.error.message.id).toMatch(/^Keberatan\/kejadian khusus .*hanya ketua PPK/);
    const linked = await linkCorrections(db, filed.value.id, [], 'Saksi Paslon 2');
    expect(linked).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'chair-only' } } });
    expect((await db.objections.get(filed.value.id))?.revision).toBe(1);

    // The chair's device decides it.
    await enrol(db, 'chair', null, null);
    expect(await decideObjection(db, filed.value.id, { status: 'noted', note: 'dicatat' }, 'Ketua')).toMatchObject({ ok: true, value: { objection: { decision: { status: 'noted' } } } });
  });

  it('an objection filed before enrolment says nothing about a device', async () => {
    const db = await dbWithSetup();
    const filed = await recordObjection(db, specialEvent(TPS1), 'Ketua');
    expect(filed.ok && 'filedBy' in filed.value.objection).toBe(false);
  });

  it('typing into a form of a finalised desa is refused, also for the chair, until it is reopened', async () => {
    const db = await dbWithSetup();
    for (const [i, tps] of DESA1_TPS.entries()) await verified(db, tps, votesFor(i));
    expect((await finaliseDesa(db, DESA1, 'PPWP', 'Ketua')).ok).toBe(true);
    await enrol(db, 'chair', null, null);
    const typed = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ketua', reason: 'salah baca' });
    expect(typed).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'desa-final' } } });
    if (!typed.ok) expect(typed.error.message.id).toBe('Puger Kulon TPS 001, Presiden: desa ini sudah ditetapkan final oleh ketua PPK dan terkunci.');

    expect((await reopenDesa(db, DESA1, 'PPWP', 'Ketua', 'hitung ulang')).ok).toBe(true);
    const fixed = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ketua', reason: 'hitung ulang' });
    expect(fixed.ok && fixed.value.row.status).toBe('entered');
  });

  it('only the chair finalises and reopens', async () => {
    const db = await dbWithSetup();
    for (const [i, tps] of DESA1_TPS.entries()) await verified(db, tps, votesFor(i));
    await enrol(db, 'clerk', 'panel-1', [DESA1]);
    const refused = await finaliseDesa(db, DESA1, 'PPWP', 'Ani');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'chair-only', action: 'finalise' } } });
    if (!refused.ok) expect(refused.error.message.id).toMatch(/^Desa Puger Kulon, Presiden: hanya ketua PPK/);
    expect(await db.finalisations.count()).toBe(0);

    await enrol(db, 'chair', null, null);
    expect((await finaliseDesa(db, DESA1, 'PPWP', 'Ketua')).ok).toBe(true);
    await enrol(db, 'clerk', 'panel-1', [DESA1]);
    expect(await reopenDesa(db, DESA1, 'PPWP', 'Ani', 'alasan')).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'chair-only' } } });
    expect(await getTally(db, tallyKey({ tps: TPS1, contest: 'PPWP' }))).toMatchObject({ ok: true, value: { status: 'final' } });
  });

  it.each(['witness', 'panwas'] as const)('a %s phone: correcting a verified form (50 → 55), accepting, finalising and reopening are refused and nothing is stored', async (role) => {
    const db = await dbWithSetup();
    for (const [i, tps] of DESA1_TPS.entries()) await verified(db, tps, { ...votesFor(i), 'votes.1': 50 - i, 'votes.2': 30 + i });
    const key = tallyKey({ tps: TPS1, contest: 'PPWP' });
    const before = await getTally(db, key);
    const outbox = await db.outbox.count();
    await enrol(db, role, null, null);

    const corrected = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 55, actor: 'Saksi', reason: 'salinan saksi 55' });
    expect(corrected).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'read-only-role' } } });
    const accepted = await acceptWarnings(db, key, 'Saksi', [{ code: 'W02', reason: 'cadangan', by: 'Saksi', at: '2024-02-18T02:00:00Z' }]);
    expect(accepted).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'read-only-role' } } });
    expect(await finaliseDesa(db, DESA1, 'PPWP', 'Saksi')).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'chair-only' } } });

    // The form keeps 50 on this phone's own D.Hasil, and nothing waits to be pushed.
    expect(await getTally(db, key)).toEqual(before);
    expect(before.ok && before.value?.tally.votes).toMatchObject({ '1': 50 });
    expect(await db.outbox.count()).toBe(outbox);
    expect(await db.finalisations.count()).toBe(0);

    // Reopening a desa the chair finalised: refused as well.
    await enrol(db, 'chair', null, null);
    expect((await finaliseDesa(db, DESA1, 'PPWP', 'Ketua')).ok).toBe(true);
    await enrol(db, role, null, null);
    expect(await reopenDesa(db, DESA1, 'PPWP', 'Saksi', 'hitung ulang')).toMatchObject({ ok: false, error: { kind: 'workflow-refused', refusal: { code: 'chair-only' } } });
    expect(await getTally(db, key)).toMatchObject({ ok: true, value: { status: 'final' } });
  });

  it('a tallies file cannot make a clerk device hold a final form; the chair device may import it', async () => {
    const source = await dbWithSetup();
    await verified(source, TPS1);
    const exported = await exportTallies(source);
    if (!exported.ok) throw new Error('export');
    const file = { ...exported.value, tallies: exported.value.tallies.map((t) => ({ ...t, status: 'final' as const })) };

    const clerk = await dbWithSetup();
    await enrol(clerk, 'clerk', 'panel-1', [DESA1]);
    const refused = await importTallies(clerk, file, 'Ani');
    expect(refused.ok && refused.value).toMatchObject({ imported: 0, refused: 1 });
    expect(refused.ok && refused.value.outcomes[0]).toMatchObject({ outcome: 'refused', message: { id: expect.stringMatching(/TPS 001, Presiden: hanya ketua PPK/) } });
    expect((await getTally(clerk, tallyKey({ tps: TPS1, contest: 'PPWP' }))).ok && (await getTally(clerk, tallyKey({ tps: TPS1, contest: 'PPWP' })))).toMatchObject({ value: null });

    const chair = await dbWithSetup();
    const taken = await importTallies(chair, file, 'Ketua');
    expect(taken.ok && taken.value).toMatchObject({ imported: 1, refused: 0 });
  });
});
