import type { KabupatenTotalsResponse } from '../../api/kabupaten.ts';
import { text } from '../../domain/common/text.ts';
import { rowSpecs, type DHasilColumn, type DHasilTable } from '../../domain/export/index.ts';
import { ballotSetup } from '../../domain/kabupaten/ballot.ts';
import { getFigure } from '../../domain/tally/fields.ts';
import type { Tally } from '../../domain/tally/tally.ts';

export type TotalsGroup = KabupatenTotalsResponse['contests'][number]['groups'][number];

const fullCoverage = (tps: number) => ({ expected: tps, included: tps, missing: [], unverified: [] });

/**
 * The kabupaten D.Hasil of one ballot group in the D.Hasil table model (src/domain/export), so the
 * screen reuses the kecamatan's grid: one column per included kecamatan, then the kabupaten total.
 * Every kecamatan counted is final, hence full coverage.
 */
export function kabupatenTable(group: TotalsGroup, area: { code: string; name: string }): DHasilTable {
  const contest = ballotSetup(group.ballot);
  const columns: DHasilColumn[] = [
    ...group.kecamatan.map((k) => ({
      kind: 'desa' as const,
      code: k.code,
      label: text(`Kec. ${k.name}`, `Kec. ${k.name}`),
      status: null,
      inSetup: true,
      coverage: fullCoverage(k.tpsIncluded),
    })),
    { kind: 'total', code: area.code, label: text('Kabupaten', 'Kabupaten'), status: null, inSetup: true, coverage: fullCoverage(group.tpsIncluded) },
  ];
  const sources = [...group.kecamatan.map((k) => k.figures), group.figures];
  const rows = rowSpecs(contest).map(({ parts: _parts, ...spec }) => ({
    ...spec,
    values: sources.map((s) => getFigure(s as unknown as Tally, spec.path) ?? null),
  }));
  return { contest: contest.id, level: 'kecamatan', area, columns, rows };
}
