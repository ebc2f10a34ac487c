// Helpers for the chair's-view db tests: verified desa and stored objections on the small test setup.
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import type { ObjectionDraft } from '../../src/domain/objections/index.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { markEntered, recordObjection, verifyReadback, type RekapDb } from '../../src/db/index.ts';
import { TPS1, TPS2, typeForm } from './fixtures.ts';
import { DesaCodeSchema, TpsCodeSchema } from '../../src/domain/codes/codes.ts';

export const DESA1 = DesaCodeSchema.parse('3509082001');
export const TPS901: TpsCode = TpsCodeSchema.parse('3509082001901');
export const DESA1_TPS: TpsCode[] = [TPS1, TPS2, TPS901];
export const DESA2 = DesaCodeSchema.parse('3509082002');
export const DESA2_TPS: TpsCode[] = [TpsCodeSchema.parse('3509082002001'), TpsCodeSchema.parse('3509082002003')];

/** Types, marks entered (Ani) and verifies by read-back (Budi) the PPWP form of a TPS. */
export async function verified(db: RekapDb, tps: TpsCode, overrides: Record<string, number | null> = {}): Promise<void> {
  await typeForm(db, tps, 'Ani', overrides);
  const key = tallyKey({ tps, contest: 'PPWP' });
  const entered = await markEntered(db, key, 'Ani', []);
  if (!entered.ok) throw new Error(`markEntered ${key}: ${entered.error.kind}`);
  const done = await verifyReadback(db, key, 'Budi');
  if (!done.ok) throw new Error(`verifyReadback ${key}: ${done.error.kind}`);
}

/** Different votes per TPS, so that the TPS of a desa are not W05 duplicates of each other. */
export const votesFor = (i: number): Record<string, number> => ({ 'votes.1': 30 + i, 'votes.2': 50 - i, 'votes.3': 35 });

export const specialEvent = (tps: TpsCode, over: Partial<ObjectionDraft> = {}): ObjectionDraft => ({
  kind: 'special-event',
  scope: { level: 'tps', tps },
  contest: 'PPWP',
  raisedBy: { role: 'panwascam', name: 'Rina' },
  description: 'C.Hasil salinan berbeda dengan plano; plano dipakai.',
  ...over,
});

export async function recorded(db: RekapDb, draft: ObjectionDraft) {
  const r = await recordObjection(db, draft, 'Ketua PPK');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
