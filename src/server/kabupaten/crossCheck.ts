import type { TpsCode } from '../../domain/codes/codes.ts';
import { cellLabel, fmt } from '../../domain/checks/labels.ts';
import { formatNumber, text, type LocalizedText } from '../../domain/common/text.ts';
import { CONTEST_LABELS } from '../../domain/labels/contests.ts';
import { compareFigures, type AnySummaryFile, type SummaryFigures } from '../../domain/summary/index.ts';
import { tallyFigures } from '../../domain/summary/recompute.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { TallySchema, type Figure, type Tally } from '../../domain/tally/tally.ts';
import { hasEnteredFigure } from '../../domain/totals/accumulator.ts';
import type { StoredRecordText } from '../storage/provenance.ts';

/**
 * One TPS where a kecamatan summary and this server's synced copy of the C.Hasil form disagree
 * (docs/integrity.md "Kabupaten view"): a figure, or a form the server holds no figures of.
 */
export type ServerDifference =
  | { kind: 'figure'; contest: ContestId; tps: TpsCode; path: FieldPath; summary: Figure; server: Figure }
  | { kind: 'absent'; contest: ContestId; tps: TpsCode };

const TALLY_KEY = /^\d{13}:[A-Z_]+$/;

/**
 * The kecamatan's synced forms by key (`<tps>:<contest>`); empty when none of its devices synced
 * a form here (a kabupaten server that only receives files). A stored form that no longer reads
 * as one stays out, so it can only make the summary differ, never pass.
 */
export function syncedTallies(records: readonly StoredRecordText[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of records) {
    if (!TALLY_KEY.test(r.key)) continue;
    const parsed = TallySchema.safeParse(JSON.parse(r.record));
    if (parsed.success) out.set(r.key, parsed.data);
  }
  return out;
}

/**
 * Every TPS figure of the summary against the server's own form of that TPS, in file order. The
 * workflow status is not compared: what the server holds as final is shown as the coverage instead.
 */
export function compareWithServer(summary: AnySummaryFile, synced: ReadonlyMap<string, Tally>): ServerDifference[] {
  const out: ServerDifference[] = [];
  for (const block of summary.contests) {
    for (const desa of block.desa) {
      for (const entry of desa.tps) {
        const server = synced.get(`${entry.tps}:${block.contest}`);
        if (!server || server.contest !== block.contest || !hasEnteredFigure(server)) {
          out.push({ kind: 'absent', contest: block.contest, tps: entry.tps });
          continue;
        }
        for (const d of compareFigures(entry.figures as SummaryFigures, tallyFigures(server))) {
          out.push({ kind: 'figure', contest: block.contest, tps: entry.tps, path: d.path, summary: d.stated, server: d.recomputed });
        }
      }
    }
  }
  return out;
}

const SHOWN = 5;

function differenceText(d: ServerDifference): LocalizedText {
  const c = CONTEST_LABELS[d.contest];
  if (d.kind === 'absent') {
    return text(`TPS ${d.tps}, ${c.id}: server ini tidak menyimpan angka formulir ini`, `TPS ${d.tps}, ${c.en}: this server holds no figures of this form`);
  }
  return text(
    `TPS ${d.tps}, ${c.id}, ${cellLabel(d.contest, d.path, 'id')} (${d.path}): ringkasan ${fmt(d.summary, 'id')}, server ${fmt(d.server, 'id')}`,
    `TPS ${d.tps}, ${c.en}, ${cellLabel(d.contest, d.path, 'en')} (${d.path}): summary ${fmt(d.summary, 'en')}, this server ${fmt(d.server, 'en')}`,
  );
}

/** The refusal: the first differences by TPS, contest and figure, and how many more there are. */
export function serverDifferencesText(kecamatan: string, differences: readonly ServerDifference[]): LocalizedText {
  const shown = differences.slice(0, SHOWN).map(differenceText);
  const rest = differences.length - shown.length;
  const tps = new Set(differences.map((d) => `${d.tps}:${d.contest}`)).size;
  return text(
    `Ringkasan tidak cocok dengan formulir C.Hasil kecamatan ${kecamatan} yang disinkronkan ke server ini (${formatNumber(tps, 'id')} formulir berbeda), jadi tidak disimpan: ` +
      `${shown.map((t) => t.id).join('; ')}${rest > 0 ? `; dan ${formatNumber(rest, 'id')} perbedaan lain` : ''}. ` +
      'Sinkronkan semua laptop kecamatan, periksa formulir itu, lalu tanda tangani dan impor ringkasan yang baru.',
    `The summary does not match kecamatan ${kecamatan}'s C.Hasil forms synced to this server (${tps === 1 ? '1 form differs' : `${formatNumber(tps, 'en')} forms differ`}), so nothing is stored: ` +
      `${shown.map((t) => t.en).join('; ')}${rest > 0 ? `; and ${formatNumber(rest, 'en')} more differences` : ''}. ` +
      "Sync every laptop of the kecamatan, check those forms, then sign and import a new summary.",
  );
}
