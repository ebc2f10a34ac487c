import { dhasilCsv, type DHasilTable } from '../../domain/export/index.ts';
import type { Language } from '../../domain/common/text.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { downloadText, slug } from '../common/files.ts';
import { fileTimestamp } from '../common/format.ts';

/** dhasil-ppwp-puger-20240218-093000.csv, or dhasil-ppwp-puger-mlokorejo-… for a desa. */
export function dhasilFileName(setup: Setup, table: DHasilTable, now: Date = new Date()): string {
  const kec = slug(setup.kecamatan.name) || setup.kecamatan.code;
  const desa = table.level === 'desa' ? `-${slug(table.area.name) || table.area.code}` : '';
  return `dhasil-${table.contest.toLowerCase().replaceAll('_', '-')}-${kec}${desa}-${fileTimestamp(now)}.csv`;
}

/** Offers the table as a CSV download (built in the browser: works offline). Returns the file name. */
export function downloadDHasilCsv(setup: Setup, table: DHasilTable, lang: Language): string {
  const name = dhasilFileName(setup, table);
  downloadText(name, dhasilCsv(table, lang), 'text/csv;charset=utf-8');
  return name;
}
