import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, formatCsv, formatCsvCell, type CsvCell } from '../../../src/domain/export/csv.ts';

/** A small RFC 4180 reader with `;`: enough to read back what formatCsv writes. */
function parseCsv(file: string): string[][] {
  expect(file.startsWith(CSV_BOM)).toBe(true);
  const s = file.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        cell += ch;
        i += 1;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      i += 1;
    } else if (ch === ';') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      cell += ch;
      i += 1;
    }
  }
  expect(row).toEqual([]); // every line, the last too, ends with CRLF
  return rows;
}

describe('formatCsv', () => {
  it('writes a BOM, `;` between cells and CRLF after every line', () => {
    const out = formatCsv([
      ['Desa', 'Suara'],
      ['MLOKOREJO', 1234],
    ]);
    expect(out).toBe('\uFEFFDesa;Suara\r\nMLOKOREJO;1234\r\n');
  });

  it('writes numbers as plain integers, never with the id-ID thousands dot', () => {
    expect(formatCsvCell(1234567)).toBe('1234567');
    expect(formatCsvCell(0)).toBe('0');
    expect(formatCsvCell(-5)).toBe('-5');
    // A bad figure (E11) is kept as it is, not rounded.
    expect(formatCsvCell(2.5)).toBe('2.5');
    expect(() => formatCsvCell(Number.NaN)).toThrow(RangeError);
  });

  it('leaves a figure that is not entered empty, distinct from 0', () => {
    expect(formatCsv([[null, 0, undefined]])).toBe('\uFEFF;0;\r\n');
  });

  it('quotes text with separators, quotes, line breaks or edge spaces', () => {
    expect(formatCsvCell('a;b')).toBe('"a;b"');
    expect(formatCsvCell('Partai "X"')).toBe('"Partai ""X"""');
    expect(formatCsvCell('dua\nbaris')).toBe('"dua\nbaris"');
    expect(formatCsvCell(' spasi')).toBe('" spasi"');
    expect(formatCsvCell('Anies – Muhaimin, 01')).toBe('Anies – Muhaimin, 01');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(formatCsvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(formatCsvCell('+62')).toBe("'+62");
    expect(formatCsvCell('@x')).toBe("'@x");
    expect(formatCsvCell('-1')).toBe("'-1");
  });

  it('reads back to the same cells (numbers as their digits, empty for null)', () => {
    const cell: fc.Arbitrary<CsvCell> = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'B', ' ', ';', '"', '\n', '\r', 'é', '–', '1', '.') }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const back = parseCsv(formatCsv(rows));
        const expected = rows.map((r) =>
          r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c) : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)),
        );
        expect(back).toEqual(expected);
      }),
    );
  });
});
