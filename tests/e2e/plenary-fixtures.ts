// Tallies for the chair's-view tests (e2e and component): one desa's PPWP forms as a rekap.tallies/v1
// file, as another panel laptop would export them. No Playwright imports: unit tests use it too.
import { tpsCode, type DesaCode, type TpsCode } from '../../src/domain/codes/codes.ts';
import { findContest, findDesa, type Setup } from '../../src/domain/setup/index.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import { TALLIES_FORMAT, type Tally, type TalliesFile, type TallyStatus } from '../../src/domain/tally/tally.ts';

/** Bagon: the smallest desa of the Puger demo (17 TPS). */
export const BAGON = '3509082007' as DesaCode;

/**
 * A check-clean PPWP C.Hasil (DPT 200, 185 voted, 204 ballots = ceil(1.02 × 200)); `variant` moves
 * votes between pairs 1 and 2 so that no two TPS are W05 duplicates.
 */
export function ppwpFigures(variant: number): Record<string, number> {
  return {
    'voters.dpt.male': 100, 'voters.dpt.female': 100, 'voters.dpt.total': 200,
    'voters.usedDpt.male': 80, 'voters.usedDpt.female': 90, 'voters.usedDpt.total': 170,
    'voters.usedDptb.male': 5, 'voters.usedDptb.female': 5, 'voters.usedDptb.total': 10,
    'voters.usedDpk.male': 2, 'voters.usedDpk.female': 3, 'voters.usedDpk.total': 5,
    'voters.usedTotal.male': 87, 'voters.usedTotal.female': 98, 'voters.usedTotal.total': 185,
    'ballots.received': 204, 'ballots.used': 185, 'ballots.returned': 1, 'ballots.unused': 18,
    'disabled.male': 1, 'disabled.female': 1, 'disabled.total': 2,
    'votes.1': 50 + variant, 'votes.2': 100 - variant, 'votes.3': 25,
    valid: 175, invalid: 10, total: 185,
  };
}

export interface DesaFileOptions {
  /** TPS numbers exported as 'entered' (to be verified on this laptop); the rest are 'verified'. */
  entered?: number[];
  /** A TPS number whose form has V.A one higher than the votes (E06 + E08), as read from the paper. */
  errorAt?: number;
}

export function ppwpTally(setup: Setup, tps: TpsCode, variant: number, status: TallyStatus, extra: Record<string, number> = {}): Tally {
  const contest = findContest(setup, 'PPWP');
  if (!contest) throw new Error('no PPWP in setup');
  let tally: Tally = emptyTally(tps, contest);
  for (const [path, value] of Object.entries({ ...ppwpFigures(variant), ...extra })) tally = setFigure(tally, path, value);
  return { ...tally, status, enteredBy: 'Panel 2 (laptop B)', verifiedBy: status === 'verified' ? 'Budi Santoso' : null };
}

/** Every PPWP form of a desa, as exported by the laptop of the panel that entered it. */
export function desaTalliesFile(setup: Setup, desa: DesaCode, opts: DesaFileOptions = {}): TalliesFile {
  const found = findDesa(setup, desa);
  if (!found) throw new Error(`no desa ${desa}`);
  const tallies = found.tps.map((n, i) => {
    // A form whose paper breaks its own arithmetic cannot be verified until the plenary covers it.
    const status: TallyStatus = opts.entered?.includes(n) || n === opts.errorAt ? 'entered' : 'verified';
    const extra: Record<string, number> = n === opts.errorAt ? { valid: 176 } : {};
    return ppwpTally(setup, tpsCode(desa, n), i, status, extra);
  });
  return { format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies };
}
