export { CSV_BOM, CSV_EOL, CSV_SEPARATOR, formatCsv, formatCsvCell, type CsvCell } from './csv.ts';
export {
  SECTION_TITLES,
  choiceSeries,
  desaTable,
  kecamatanTable,
  partyHeading,
  rowSpecs,
  type ChoiceSeries,
  type Coverage,
  type DHasilColumn,
  type DHasilLevel,
  type DHasilRow,
  type DHasilTable,
  type RowKind,
  type RowSection,
} from './dhasil.ts';
export { dhasilCsv, dhasilCsvRows } from './dhasil-csv.ts';
