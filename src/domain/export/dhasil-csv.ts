import { text, type Language, type LocalizedText } from '../common/text.ts';
import { formatCsv, type CsvCell } from './csv.ts';
import type { DHasilColumn, DHasilTable } from './dhasil.ts';

/**
 * A D.Hasil table as CSV rows (docs/csv.md): a header row (field path, item, one column per TPS or
 * desa, then the total), four coverage rows (TPS expected, included, missing, not yet verified),
 * then one row per figure in paper order. The first column is the stable field path
 * (`votes.1.candidates.3`) so that a script can find a row whatever the language; figures not
 * entered anywhere in a column are empty cells, never 0.
 */
const HEAD = {
  path: text('Kode isian', 'Field'),
  item: text('Uraian', 'Item'),
  expected: text('Jumlah TPS', 'TPS in the area'),
  included: text('TPS masuk (dijumlahkan)', 'TPS included (summed)'),
  missing: text('TPS belum masuk', 'TPS missing'),
  unverified: text('TPS belum diverifikasi', 'TPS not yet verified'),
} satisfies Record<string, LocalizedText>;

const columnHeader = (c: DHasilColumn, lang: Language) => `${c.label[lang]} (${c.code})`;

export function dhasilCsvRows(table: DHasilTable, lang: Language): CsvCell[][] {
  const cols = table.columns;
  return [
    [HEAD.path[lang], HEAD.item[lang], ...cols.map((c) => columnHeader(c, lang))],
    ['tps.expected', HEAD.expected[lang], ...cols.map((c) => c.coverage.expected)],
    ['tps.included', HEAD.included[lang], ...cols.map((c) => c.coverage.included)],
    ['tps.missing', HEAD.missing[lang], ...cols.map((c) => c.coverage.missing.length)],
    ['tps.unverified', HEAD.unverified[lang], ...cols.map((c) => c.coverage.unverified.length)],
    ...table.rows.map((r) => [r.path, r.label[lang], ...r.values]),
  ];
}

export function dhasilCsv(table: DHasilTable, lang: Language): string {
  return formatCsv(dhasilCsvRows(table, lang));
}
