import type { Coverage } from '../../api/kabupaten.ts';
import { tpsCode } from '../../domain/codes/codes.ts';
import { formatNumber, text, type LocalizedText } from '../../domain/common/text.ts';
import { CONTEST_LABELS } from '../../domain/labels/contests.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { KecamatanInfo, Storage } from '../storage/types.ts';

/**
 * How many TPS of a kecamatan × contest count (docs/integrity.md "Kabupaten view"). When the
 * kecamatan's devices sync to this server, it is the forms this server holds as final, whatever
 * the file claims; a server that only receives files can only repeat the file's claim, and says so.
 */
export async function kecamatanCoverage(
  storage: Storage,
  kecamatan: KecamatanInfo,
  claimed: ReadonlyMap<ContestId, number>,
): Promise<Map<ContestId, Coverage>> {
  const tps = new Set<string>(kecamatan.setup.desa.flatMap((d) => d.tps.map((n) => tpsCode(d.code, n))));
  const synced = await storage.tallyStatuses(kecamatan.code);
  const out = new Map<ContestId, Coverage>();
  for (const [contest, included] of claimed) {
    if (synced.length === 0) {
      out.set(contest, { source: 'file', final: included, expected: tps.size });
      continue;
    }
    const suffix = `:${contest}`;
    let final = 0;
    for (const row of synced) {
      if (row.status === 'final' && row.key.endsWith(suffix) && tps.has(row.key.slice(0, -suffix.length))) final += 1;
    }
    out.set(contest, { source: 'server', final, expected: tps.size });
  }
  return out;
}

/** One line per contest for `rekap server import-summary`: the count and whether it was checked. */
export function coverageText(contest: ContestId, coverage: Coverage): LocalizedText {
  const c = CONTEST_LABELS[contest];
  const count = (lang: 'id' | 'en') => `${formatNumber(coverage.final, lang)}/${formatNumber(coverage.expected, lang)} TPS`;
  return coverage.source === 'server'
    ? text(`${c.id}: ${count('id')} final di server ini (diperiksa dengan formulir yang disinkronkan).`, `${c.en}: ${count('en')} final on this server (checked against the synced forms).`)
    : text(
        `${c.id}: ${count('id')} menurut berkas (tidak diperiksa: formulir kecamatan ini tidak disinkronkan ke server ini).`,
        `${c.en}: ${count('en')} as the file claims (unchecked: this kecamatan's forms are not synced to this server).`,
      );
}
