import { TpsCodeSchema, type TpsCode } from '../../domain/codes/codes.ts';
import type { Figure, GenderRow, Tally } from '../../domain/tally/tally.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { allTps } from '../../domain/setup/lookup.ts';
import { PPWP_CHART_IDS, type AdministrasiField, type SirekapDump, type SirekapTpsFile } from './schema.ts';

export interface SirekapImport {
  tallies: Tally[];
  /** TPS of the dump that the setup does not list (skipped). */
  notInSetup: TpsCode[];
  /** TPS of the setup without a Sirekap file (no tally emitted). */
  withoutFile: TpsCode[];
}

type Administrasi = NonNullable<SirekapTpsFile['administrasi']>;

const figure = (adm: Administrasi | null | undefined, field: AdministrasiField): Figure => adm?.[field] ?? null;

/** Sirekap names rows `<prefix>_l/_p/_j`; the tally calls them male/female/total. */
const row = (adm: Administrasi | null | undefined, prefix: string): GenderRow => ({
  male: figure(adm, `${prefix}_l` as AdministrasiField),
  female: figure(adm, `${prefix}_p` as AdministrasiField),
  total: figure(adm, `${prefix}_j` as AdministrasiField),
});

/**
 * One Sirekap file → one PPWP tally. Absent or null data stays null (never 0): a null chart gives
 * three null pair votes, a null administrasi null sections I and V. Ballots (II) and disabled
 * voters (III) are not in the dump. Status is `draft`: the figures are Sirekap OCR readings that
 * no person has entered or checked against the C.Hasil.
 */
export function tallyFromSirekap(tps: TpsCode, file: SirekapTpsFile): Tally {
  const adm = file.administrasi;
  const votes: Record<string, Figure> = {};
  for (const [chartId, ballot] of Object.entries(PPWP_CHART_IDS)) {
    votes[ballot] = file.chart?.[chartId] ?? null;
  }
  return {
    tps,
    contest: 'PPWP',
    voters: {
      dpt: row(adm, 'pemilih_dpt'),
      usedDpt: row(adm, 'pengguna_dpt'),
      usedDptb: row(adm, 'pengguna_dptb'),
      usedDpk: row(adm, 'pengguna_non_dpt'),
      usedTotal: row(adm, 'pengguna_total'),
    },
    ballots: { received: null, used: null, returned: null, unused: null },
    disabled: { male: null, female: null, total: null },
    votes,
    valid: figure(adm, 'suara_sah'),
    invalid: figure(adm, 'suara_tidak_sah'),
    total: figure(adm, 'suara_total'),
    status: 'draft',
  };
}

/**
 * Without a setup the TPS codes are the structure (desa = first 10 digits), in code order.
 * With one, only its TPS are emitted, in setup order; dump TPS outside it are reported, not guessed at.
 */
export function importSirekap(dump: SirekapDump, setup?: Setup): SirekapImport {
  const files = new Map(Object.entries(dump.files));
  if (!setup) {
    const codes = [...files.keys()].sort();
    return {
      tallies: codes.map((code) => tallyFromSirekap(TpsCodeSchema.parse(code), files.get(code)!)),
      notInSetup: [],
      withoutFile: [],
    };
  }
  const tallies: Tally[] = [];
  const withoutFile: TpsCode[] = [];
  const known = new Set<string>();
  for (const ref of allTps(setup)) {
    known.add(ref.code);
    const file = files.get(ref.code);
    if (file) tallies.push(tallyFromSirekap(ref.code, file));
    else withoutFile.push(ref.code);
  }
  const notInSetup = [...files.keys()]
    .filter((code) => !known.has(code))
    .sort()
    .map((code) => TpsCodeSchema.parse(code));
  return { tallies, notInSetup, withoutFile };
}
