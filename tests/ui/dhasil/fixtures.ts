import { expect } from 'vitest';
import { tpsCode, type DesaCode, type TpsCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { createRng, generateTally, generateTpsProfile } from '../../../src/domain/synthetic/generate.ts';
import type { ContestId } from '../../../src/domain/tally/contest.ts';
import { TALLIES_FORMAT, type Tally, type TallyStatus } from '../../../src/domain/tally/tally.ts';
import { importTallies, type RekapDb } from '../../../src/db/index.ts';

/** The TPS codes of a desa of the setup, in setup order. */
export function tpsOf(setup: Setup, desa: DesaCode): TpsCode[] {
  const d = setup.desa.find((x) => x.code === desa)!;
  return d.tps.map((n) => tpsCode(d.code, n));
}

/** Check-clean tallies (seeded) for the given TPS and contests, with a status. */
export function cleanTallies(setup: Setup, tps: readonly TpsCode[], contests: readonly ContestId[], status: TallyStatus = 'verified', seed = 1): Tally[] {
  const rng = createRng(seed);
  return tps.flatMap((code) => {
    const profile = generateTpsProfile(rng);
    return contests.map((id) => ({ ...generateTally(rng, code, setup.contests.find((c) => c.id === id)!, profile), status, ...signOffs(status) }));
  });
}

/** Who entered and verified a form in that status, as the workflow requires (two different people). */
export function signOffs(status: TallyStatus): Pick<Tally, 'enteredBy' | 'verifiedBy'> {
  const entered = status === 'entered' || status === 'verified' || status === 'final';
  return { enteredBy: entered ? 'Ani' : null, verifiedBy: status === 'verified' || status === 'final' ? 'Dewi' : null };
}

/** Stores tallies as the app's import does (rekap.tallies/v1). */
export async function store(db: RekapDb, setup: Setup, tallies: readonly Tally[]): Promise<void> {
  const r = await importTallies(db, { format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies }, 'Tester');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value.imported).toBe(tallies.length);
}

/** "12.345" → 12345 (id-ID digits back to a number; "—" → null). */
export function parseId(text: string | null | undefined): number | null {
  const s = (text ?? '').trim();
  return s === '—' ? null : Number(s.replaceAll('.', ''));
}

export const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);
