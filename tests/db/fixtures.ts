import { SetupSchema, type Setup } from '../../src/domain/setup/schema.ts';
import { TpsCodeSchema, type TpsCode } from '../../src/domain/codes/codes.ts';
import { fieldPath, paperOrder, type FieldPath } from '../../src/domain/tally/fields.ts';
import type { ContestId } from '../../src/domain/tally/contest.ts';
import { tallyKey, type TallyKey } from '../../src/domain/tally/tally.ts';
import { openRekapDb, saveSetup, setFigure, type RekapDb } from '../../src/db/index.ts';

let counter = 0;
/** A fresh database per test: fake-indexeddb is shared by the whole test file. */
export function freshDb(): RekapDb {
  counter += 1;
  return openRekapDb(`rekap-test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`);
}

/** A small but real-shaped setup: 2 desa of Puger, PPWP (3 pairs) and DPR (2 parties × 2 candidates). */
export const SETUP: Setup = SetupSchema.parse({
  format: 'rekap.setup/v1',
  election: { id: 'pemilu-2024', name: 'Pemilu 2024', votingDate: '2024-02-14' },
  provinsi: { code: '35', name: 'Jawa Timur' },
  kabupaten: { code: '3509', name: 'Jember' },
  kecamatan: { code: '350908', name: 'Puger' },
  desa: [
    { code: '3509082001', name: 'Puger Kulon', tps: [1, 2, 901] },
    { code: '3509082002', name: 'Puger Wetan', tps: [1, 3] },
  ],
  contests: [
    { id: 'PPWP', name: 'Presiden', candidates: [{ number: 1, name: 'Pasangan 1' }, { number: 2, name: 'Pasangan 2' }, { number: 3, name: 'Pasangan 3' }] },
    {
      id: 'DPR',
      name: 'DPR RI',
      dapil: { name: 'Jatim IV', seats: 8 },
      parties: [
        { number: 1, name: 'PKB', candidates: [{ number: 1, name: 'Calon A' }, { number: 2, name: 'Calon B' }] },
        { number: 2, name: 'Gerindra', candidates: [{ number: 1, name: 'Calon C' }, { number: 2, name: 'Calon D' }] },
      ],
    },
  ],
  panels: [{ id: 'panel-1', name: 'Panel 1' }],
  schedule: { days: [] },
});

export const TPS1: TpsCode = TpsCodeSchema.parse('3509082001001');
export const TPS2: TpsCode = TpsCodeSchema.parse('3509082001002');
export const TPS_OTHER_DESA: TpsCode = TpsCodeSchema.parse('3509082002003');
export const KEY1: TallyKey = tallyKey({ tps: TPS1, contest: 'PPWP' });

/** A check-clean PPWP form (no errors, no warnings). */
export const CLEAN_PPWP: Record<string, number> = {
  'voters.dpt.male': 100, 'voters.dpt.female': 100, 'voters.dpt.total': 200,
  'voters.usedDpt.male': 60, 'voters.usedDpt.female': 60, 'voters.usedDpt.total': 120,
  'voters.usedDptb.male': 0, 'voters.usedDptb.female': 0, 'voters.usedDptb.total': 0,
  'voters.usedDpk.male': 0, 'voters.usedDpk.female': 0, 'voters.usedDpk.total': 0,
  'voters.usedTotal.male': 60, 'voters.usedTotal.female': 60, 'voters.usedTotal.total': 120,
  'ballots.received': 204, 'ballots.used': 120, 'ballots.returned': 0, 'ballots.unused': 84,
  'disabled.male': 0, 'disabled.female': 0, 'disabled.total': 0,
  'votes.1': 30, 'votes.2': 50, 'votes.3': 35,
  valid: 115, invalid: 5, total: 120,
};

export async function dbWithSetup(): Promise<RekapDb> {
  const db = freshDb();
  const saved = await saveSetup(db, SETUP);
  if (!saved.ok) throw new Error(saved.error.message.en);
  return db;
}

/** Types a whole form (all cells, paper order) as `actor`; overrides change single cells. */
export async function typeForm(
  db: RekapDb,
  tps: TpsCode,
  actor: string,
  overrides: Record<string, number | null> = {},
  contest: ContestId = 'PPWP',
): Promise<void> {
  const contestSetup = SETUP.contests.find((c) => c.id === contest)!;
  for (const path of paperOrder(contestSetup)) {
    const value = Object.hasOwn(overrides, path) ? overrides[path]! : (CLEAN_PPWP[path] ?? 0);
    const r = await setFigure(db, { tps, contest, path, value, actor });
    if (!r.ok) throw new Error(`${path}: ${r.error.kind}`);
  }
}

export const P = {
  dptTotal: fieldPath.voter('dpt', 'total'),
  received: fieldPath.ballot('received'),
  invalid: fieldPath.invalid,
  valid: fieldPath.valid,
  vote1: fieldPath.candidateVotes(1),
} satisfies Record<string, FieldPath>;
