/**
 * CSV for spreadsheet users (docs/csv.md). Excel with Indonesian regional settings opens a file
 * by double-click only when it uses `;` between fields and starts with a UTF-8 byte order mark;
 * without the BOM, desa names with non-ASCII letters turn into mojibake. Lines end with CRLF (RFC 4180).
 */
export const CSV_SEPARATOR = ';';
export const CSV_EOL = '\r\n';
export const CSV_BOM = '\uFEFF';

/** A cell: text, a number, or nothing (an empty cell — a figure not entered is not 0). */
export type CsvCell = string | number | null | undefined;

const NEEDS_QUOTES = /[";\r\n]|^\s|\s$/;
/** Spreadsheets run cells starting with these as formulas ("CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Numbers are written as plain digits (1234, -5: no thousands separator, which Excel in
 * id-ID would read as a decimal point); text that a spreadsheet would run as a formula gets a
 * leading apostrophe; text with `;`, quotes, line breaks or edge spaces is quoted, quotes doubled.
 */
export function formatCsvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`CSV cell is not a finite number: ${cell}`);
    // Figures are integers; anything else (a bad import flagged E11) is kept exactly, never rounded.
    return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  }
  const value = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The whole file: BOM, one line per row, every line (the last included) ended by CRLF. */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  let out = CSV_BOM;
  for (const row of rows) out += row.map(formatCsvCell).join(CSV_SEPARATOR) + CSV_EOL;
  return out;
}
