import { desaOfTps, type DesaCode, type TpsCode } from '../codes/codes.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { fieldLabelText } from '../setup/labels.ts';
import type { ContestSetup, Party, Setup } from '../setup/schema.ts';
import { assertNever, type ContestId } from '../tally/contest.ts';
import { paperOrder, type FieldPath } from '../tally/fields.ts';
import type { Figure, Tally, TallyStatus } from '../tally/tally.ts';
import { hasEnteredFigure, type AreaTotals, type TallyFigures, type TotalsReport } from '../totals/index.ts';

/**
 * The D.Hasil as a table, the way the paper form lays it out: one row per item of the C.Hasil
 * (sections I–V, in paper order) and one column per TPS (the desa's lampiran) or per desa (the
 * kecamatan's), then the total. The screen, the chart, the CSV export and the printout all render
 * this one model, so they cannot disagree.
 */
export type DHasilLevel = 'desa' | 'kecamatan';

/** How much of a column's area its figures cover. */
export interface Coverage {
  /** TPS the setup lists for the area. */
  expected: number;
  /** TPS with at least one entered figure (they are summed). */
  included: number;
  /** Setup TPS with nothing entered. */
  missing: readonly TpsCode[];
  /** Included TPS whose tally is not yet verified or final. */
  unverified: readonly TpsCode[];
}

export interface DHasilColumn {
  kind: 'tps' | 'desa' | 'total';
  /** TPS, desa or kecamatan code. */
  code: string;
  label: LocalizedText;
  /** A TPS column's tally status (null: no tally stored); null for sums. */
  status: TallyStatus | null;
  /** False for a TPS or desa that only the tallies know (never dropped from the sums). */
  inSetup: boolean;
  coverage: Coverage;
}

export type RowSection = 'I' | 'II' | 'III' | 'IV' | 'V';
export type RowKind = 'voters' | 'ballots' | 'disabled' | 'choice' | 'partyOnly' | 'candidate' | 'partyTotal' | 'result';

export interface DHasilRow {
  path: FieldPath;
  section: RowSection;
  kind: RowKind;
  /** The party's ballot number and short name for partyOnly/candidate/partyTotal rows. */
  party: number | null;
  partyName: string | null;
  /** Unique within the table (CSV, accessible names). */
  label: LocalizedText;
  /** Shorter, under its section or party heading (screen and print). */
  shortLabel: LocalizedText;
  /** One figure per column; null = not entered anywhere in that column. */
  values: Figure[];
}

export interface DHasilTable {
  contest: ContestId;
  level: DHasilLevel;
  area: { code: string; name: string };
  columns: DHasilColumn[];
  rows: DHasilRow[];
}

export const SECTION_TITLES: Record<RowSection, LocalizedText> = {
  I: text('I. Data pemilih dan pengguna hak pilih', 'I. Voters and voters who voted'),
  II: text('II. Data penggunaan surat suara', 'II. Ballots'),
  III: text('III. Pemilih disabilitas', 'III. Disabled voters'),
  IV: text('IV. Perolehan suara', 'IV. Votes'),
  V: text('V. Suara sah dan tidak sah', 'V. Valid and invalid votes'),
};

export const partyHeading = (party: Party): LocalizedText => {
  const name = party.abbreviation ? `${party.abbreviation} — ${party.name}` : party.name;
  return text(`${party.number}. ${name}`, `${party.number}. ${name}`);
};

const isVerified = (status: TallyStatus) => status === 'verified' || status === 'final';
const tpsLabel = (code: string) => text(`TPS ${code.slice(10)}`, `TPS ${code.slice(10)}`);
const same = (s: string) => text(s, s);

interface RowSpec extends Omit<DHasilRow, 'values'> {
  parts: string[];
}

/** The rows of a contest's D.Hasil, in the order of the paper form. */
export function rowSpecs(contest: ContestSetup): RowSpec[] {
  const parties = new Map<string, Party>('parties' in contest ? contest.parties.map((p) => [String(p.number), p]) : []);
  const candidates = new Map<string, string>('candidates' in contest ? contest.candidates.map((c) => [String(c.number), c.name]) : []);
  return paperOrder(contest).map((path) => {
    const parts = path.split('.');
    const [head, a, b, c] = parts;
    const base = { path, parts, party: null, partyName: null, label: fieldLabelText(contest, path), shortLabel: fieldLabelText(contest, path) };
    switch (head) {
      case 'voters':
        return { ...base, section: 'I', kind: 'voters' };
      case 'ballots':
        return { ...base, section: 'II', kind: 'ballots' };
      case 'disabled':
        return { ...base, section: 'III', kind: 'disabled' };
      case 'votes': {
        if (b === undefined) {
          // A pair (numbered 01, 02 as on the ballot) or a DPD candidate.
          const number = contest.id === 'PPWP' ? a!.padStart(2, '0') : a!;
          const label = same(`${number}. ${candidates.get(a!) ?? ''}`.trim());
          return { ...base, section: 'IV', kind: 'choice', label, shortLabel: label };
        }
        const party = parties.get(a!);
        const short = party ? (party.abbreviation ?? party.name) : a!;
        const withParty = (l: LocalizedText) => text(`${short} — ${l.id}`, `${short} — ${l.en}`);
        const row = { ...base, section: 'IV' as const, party: Number(a), partyName: short };
        if (b === 'partyOnly') {
          const l = text('Suara partai saja (A.1)', 'Party-only votes (A.1)');
          return { ...row, kind: 'partyOnly', shortLabel: l, label: withParty(l) };
        }
        if (b === 'total') {
          const l = text('Jumlah suara partai dan calon (B)', 'Party and candidate votes (B)');
          return { ...row, kind: 'partyTotal', shortLabel: l, label: withParty(l) };
        }
        const name = party?.candidates.find((x) => String(x.number) === c)?.name ?? '';
        const l = same(`${c}. ${name}`.trim());
        return { ...row, kind: 'candidate', shortLabel: l, label: withParty(l) };
      }
      default:
        return { ...base, section: 'V', kind: 'result' };
    }
  });
}

/** A figure by pre-split path (figures and tallies have the same shape). */
function figureAt(figures: TallyFigures | Tally, parts: readonly string[]): Figure {
  let node: unknown = figures;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' ? node : null;
}

function build(contest: ContestSetup, level: DHasilLevel, area: DHasilTable['area'], columns: DHasilColumn[], sources: (TallyFigures | Tally | null)[]): DHasilTable {
  const rows = rowSpecs(contest).map(({ parts, ...spec }) => ({
    ...spec,
    values: sources.map((s) => (s === null ? null : figureAt(s, parts))),
  }));
  return { contest: contest.id, level, area, columns, rows };
}

const areaCoverage = (a: AreaTotals, expected: number): Coverage => ({
  expected,
  included: a.tpsIncluded,
  missing: a.tpsMissing,
  unverified: a.tpsUnverified,
});

function contestOf(setup: Setup, id: ContestId): ContestSetup {
  const contest = setup.contests.find((c) => c.id === id);
  if (!contest) throw new Error(`D.Hasil: contest ${id} is not in the setup`);
  return contest;
}

/** The kecamatan's D.Hasil: one column per desa (setup order), then the kecamatan total. */
export function kecamatanTable(report: TotalsReport, setup: Setup): DHasilTable {
  const contest = contestOf(setup, report.contest);
  const expectedOf = new Map(setup.desa.map((d) => [d.code as string, d.tps.length]));
  const columns: DHasilColumn[] = report.desa.map((d) => ({
    kind: 'desa',
    code: d.code,
    label: same(d.name ?? d.code),
    status: null,
    inSetup: expectedOf.has(d.code),
    coverage: areaCoverage(d, expectedOf.get(d.code) ?? 0),
  }));
  const total = setup.desa.reduce((n, d) => n + d.tps.length, 0);
  columns.push({
    kind: 'total',
    code: report.kecamatan.code,
    label: text(`Jumlah Kecamatan ${setup.kecamatan.name}`, `Total, Kecamatan ${setup.kecamatan.name}`),
    status: null,
    inSetup: true,
    coverage: areaCoverage(report.kecamatan, total),
  });
  const sources = [...report.desa.map((d) => d.figures), report.kecamatan.figures];
  return build(contest, 'kecamatan', { code: setup.kecamatan.code, name: setup.kecamatan.name }, columns, sources);
}

/**
 * A desa's D.Hasil with its lampiran: one column per TPS (setup order; TPS known only from the
 * tallies follow by code), then the desa total from the report. `tallies` may hold any TPS and
 * contest: only this desa's tallies of the report's contest are used. Null when the desa is in
 * neither the setup nor the report.
 */
export function desaTable(report: TotalsReport, setup: Setup, desa: DesaCode, tallies: readonly Tally[]): DHasilTable | null {
  const contest = contestOf(setup, report.contest);
  const totals = report.desa.find((d) => d.code === desa);
  const inSetup = setup.desa.find((d) => d.code === desa);
  if (!totals) return null;
  const byTps = new Map<string, Tally>();
  for (const t of tallies) if (t.contest === report.contest && desaOfTps(t.tps) === desa) byTps.set(t.tps, t);
  const setupTps = (inSetup?.tps ?? []).map((n) => `${desa}${String(n).padStart(3, '0')}`);
  const known = new Set(setupTps);
  const extra = [...byTps.keys()].filter((code) => !known.has(code)).sort();
  const columns: DHasilColumn[] = [];
  const sources: (Tally | TallyFigures | null)[] = [];
  for (const code of [...setupTps, ...extra]) {
    const tally = byTps.get(code) ?? null;
    const included = tally !== null && hasEnteredFigure(tally);
    const inSetupTps = known.has(code);
    columns.push({
      kind: 'tps',
      code,
      label: tpsLabel(code),
      status: tally?.status ?? null,
      inSetup: inSetupTps,
      coverage: {
        expected: inSetupTps ? 1 : 0,
        included: included ? 1 : 0,
        missing: inSetupTps && !included ? [code as TpsCode] : [],
        unverified: included && !isVerified(tally.status) ? [code as TpsCode] : [],
      },
    });
    sources.push(tally);
  }
  const name = totals.name ?? desa;
  columns.push({
    kind: 'total',
    code: desa,
    label: text(`Jumlah Desa ${name}`, `Total, Desa ${name}`),
    status: null,
    inSetup: inSetup !== undefined,
    coverage: areaCoverage(totals, inSetup?.tps.length ?? 0),
  });
  sources.push(totals.figures);
  return build(contest, 'desa', { code: desa, name }, columns, sources);
}

/** One bar series of the chart: a pair/DPD candidate, or a party (its total B). */
export interface ChoiceSeries {
  key: string;
  label: LocalizedText;
  /** One per column of the table (the total included). */
  values: Figure[];
}

/** The votes a chart shows: per pair/DPD candidate, or per party total (B). */
export function choiceSeries(table: DHasilTable): ChoiceSeries[] {
  const out: ChoiceSeries[] = [];
  for (const r of table.rows) {
    switch (r.kind) {
      case 'choice':
        out.push({ key: r.path, label: r.shortLabel, values: r.values });
        break;
      case 'partyTotal':
        out.push({ key: r.path, label: same(r.partyName ?? String(r.party)), values: r.values });
        break;
      case 'voters':
      case 'ballots':
      case 'disabled':
      case 'partyOnly':
      case 'candidate':
      case 'result':
        break;
      default:
        assertNever(r.kind);
    }
  }
  return out;
}
