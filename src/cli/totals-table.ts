import type { Language } from '../domain/common/text.ts';
import type { ContestSetup } from '../domain/setup/schema.ts';
import type { Figure } from '../domain/tally/tally.ts';
import type { AreaTotals, TallyFigures, TotalsReport } from '../domain/totals/index.ts';
import { CONTEST_LABELS, inLanguage, TOTALS_HEADERS } from '../domain/labels/index.ts';
import { formatFigure, renderTable, type Column } from './table.ts';

interface Choice {
  key: string;
  header: string;
  legend: string | null;
}

/** Choices in ballot order: from the setup when given (with names), else the vote keys present. */
function choicesOf(report: TotalsReport, contest: ContestSetup | undefined): Choice[] {
  if (contest) {
    switch (contest.id) {
      case 'PPWP':
      case 'DPD':
        return contest.candidates.map((c) => ({ key: String(c.number), header: String(c.number), legend: c.name }));
      default:
        return contest.parties.map((p) => ({
          key: String(p.number),
          header: p.abbreviation ?? String(p.number),
          legend: `${p.number} ${p.name}`,
        }));
    }
  }
  return Object.keys(report.kecamatan.figures.votes)
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => ({ key, header: key, legend: null }));
}

/** A pair's/candidate's votes, or a party's total B. */
function voteOf(figures: TallyFigures, key: string): Figure {
  // TallyFigures is an Omit<> of the tally union, which loses the contest discrimination: look at the value.
  const vote = figures.votes[key];
  if (vote === undefined || vote === null) return null;
  return typeof vote === 'number' ? vote : vote.total;
}

/** The table's own words; the cells' headers and the contest's name come from the label catalogue (src/domain/labels). */
const LABELS = {
  id: { area: 'Desa', tps: 'TPS', missing: 'Belum', kecamatan: 'KECAMATAN', title: 'D.Hasil', legend: 'Keterangan', unverified: 'TPS belum diverifikasi', notEntered: '– = belum diisi' },
  en: { area: 'Desa', tps: 'TPS', missing: 'Missing', kecamatan: 'KECAMATAN', title: 'D.Hasil', legend: 'Legend', unverified: 'TPS not yet verified', notEntered: '– = not entered' },
} as const;

/**
 * The D.Hasil of one contest as a terminal table: one row per desa, then the kecamatan row.
 * The "missing" column appears only with a setup (without one, nothing says which TPS should exist).
 */
export function renderTotalsTable(report: TotalsReport, contest: ContestSetup | undefined, lang: Language, withSetup: boolean): string {
  const l = { ...LABELS[lang], ...inLanguage(TOTALS_HEADERS, lang) };
  const choices = choicesOf(report, contest);
  const columns: Column[] = [
    { header: l.area, align: 'left' },
    { header: l.tps, align: 'right' },
    ...(withSetup ? [{ header: l.missing, align: 'right' as const }] : []),
    { header: l.dpt, align: 'right' },
    { header: l.voted, align: 'right' },
    ...choices.map((c) => ({ header: c.header, align: 'right' as const })),
    { header: l.valid, align: 'right' },
    { header: l.invalid, align: 'right' },
    { header: l.total, align: 'right' },
  ];
  const n = (v: Figure) => formatFigure(v, lang);
  const row = (area: AreaTotals, label: string): string[] => [
    label,
    n(area.tpsIncluded),
    ...(withSetup ? [n(area.tpsMissing.length)] : []),
    n(area.figures.voters.dpt.total),
    n(area.figures.voters.usedTotal.total),
    ...choices.map((c) => n(voteOf(area.figures, c.key))),
    n(area.figures.valid),
    n(area.figures.invalid),
    n(area.figures.total),
  ];
  const rows = report.desa.map((d) => row(d, d.name ? `${d.name} (${d.code})` : d.code));
  const kec = report.kecamatan;
  rows.push(row(kec, kec.name ? `${l.kecamatan} ${kec.name} (${kec.code})` : `${l.kecamatan} ${kec.code}`));

  const lines = [`${l.title} ${CONTEST_LABELS[report.contest][lang]}`, '', renderTable(columns, rows, [rows.length - 1]).trimEnd()];
  const legend = choices.filter((c) => c.legend !== null).map((c) => (c.header === c.legend ? c.header : `${c.header}: ${c.legend}`));
  lines.push('', `${l.notEntered}.${legend.length > 0 ? ` ${l.legend}: ${legend.join('; ')}.` : ''}`);
  if (kec.tpsUnverified.length > 0) lines.push(`${l.unverified}: ${n(kec.tpsUnverified.length)}.`);
  return `${lines.join('\n')}\n`;
}
