import type { KabupatenTotalsResponse } from '../../api/kabupaten.ts';
import { text } from '../../domain/common/text.ts';
import { rowSpecs, type DHasilColumn, type DHasilTable } from '../../domain/export/index.ts';
import { ballotSetup } from '../../domain/kabupaten/ballot.ts';
import { getFigure } from '../../domain/tally/fields.ts';
import type { Tally } from '../../domain/tally/tally.ts';

export type TotalsGroup = KabupatenTotalsResponse['contests'][number]['groups'][number];

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
/** The TPS a group counts: each kecamatan's coverage, not the summaries' own claim. */
export const groupFinal = (group: TotalsGroup): number => sum(group.kecamatan.map((k) => k.coverage.final));

/** What the server counts (docs/integrity.md "Kabupaten view"): final on this server, or as the file claims. */
const coverageOf = (final: number, expected: number) => ({ expected, included: final, missing: [], unverified: [] });

/**
 * The kabupaten D.Hasil of one ballot group in the D.Hasil table model (src/domain/export), so the
 * screen reuses the kecamatan's grid: one column per included kecamatan, then the kabupaten total.
 * A column's "x/y TPS" is the server's coverage: the forms it holds as final where the kecamatan
 * syncs here, else the file's claim (the screen says which).
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
      coverage: coverageOf(k.coverage.final, k.coverage.expected),
    })),
    { kind: 'total', code: area.code, label: text('Kabupaten', 'Kabupaten'), status: null, inSetup: true, coverage: coverageOf(groupFinal(group), sum(group.kecamatan.map((k) => k.coverage.expected))) },
  ];
  const sources = [...group.kecamatan.map((k) => k.figures), group.figures];
  const rows = rowSpecs(contest).map(({ parts: _parts, ...spec }) => ({
    ...spec,
    values: sources.map((s) => getFigure(s as unknown as Tally, spec.path) ?? null),
  }));
  return { contest: contest.id, level: 'kecamatan', area, columns, rows };
}
