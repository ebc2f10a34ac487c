import { memo, useState, type ReactNode } from 'react';
import { SECTION_TITLES, type DHasilColumn, type DHasilRow, type DHasilTable } from '../../domain/export/index.ts';
import type { Language } from '../../domain/common/text.ts';
import { formatFigure, formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';

/**
 * Columns shown at once on screen. A desa's lampiran can have 300 TPS and a kecamatan 80 desa:
 * rendering 200 rows × 300 columns would take seconds and no one can read it, so the columns come
 * in pages (the total column stays on every page) and the rows, at most ~200, are all rendered.
 */
export const COLUMNS_PER_PAGE = { tps: 10, desa: 12 } as const;

/** Splits the data columns (all but the total) into pages; the total joins every page. */
export function columnPages(table: DHasilTable, size: number): number[][] {
  const data = table.columns.flatMap((c, i) => (c.kind === 'total' ? [] : [i]));
  const total = table.columns.findIndex((c) => c.kind === 'total');
  const pages: number[][] = [];
  for (let i = 0; i < data.length || pages.length === 0; i += size) pages.push(data.slice(i, i + size));
  return total < 0 ? pages : pages.map((p) => [...p, total]);
}

export interface TableProps {
  table: DHasilTable;
  caption: string;
  /** A link for a column header (desa columns lead to the desa's D.Hasil). */
  columnHref?: (column: DHasilColumn) => string | null;
  /** Indexes of table.columns to show; all when absent. */
  columns?: readonly number[];
  /** Extra class, e.g. for print. */
  className?: string;
}

/** The D.Hasil grid: paper-order rows under section and party headings, one column per area. */
export function DHasilGrid(props: TableProps) {
  const { table } = props;
  const lang = useLanguage();
  const { t } = useTranslation();
  const cols = props.columns ?? table.columns.map((_, i) => i);
  const span = cols.length + 1;
  const total = table.columns.findIndex((c) => c.kind === 'total');
  // Each section, and in section IV of a party contest each party, is its own row group headed by
  // a rowgroup header, so a screen reader announces "IV. Perolehan suara" / "1. PKB" on entering it.
  const groups: { key: string; heading: string | null; rows: DHasilRow[] }[] = [];
  let section: string | null = null;
  let party: number | null = null;
  for (const row of table.rows) {
    if (row.section !== section) {
      section = row.section;
      party = null;
      groups.push({ key: `s-${row.section}`, heading: SECTION_TITLES[row.section][lang], rows: [] });
    }
    if (row.party !== null && row.party !== party) {
      party = row.party;
      groups.push({ key: `p-${row.party}`, heading: partyTitle(row), rows: [] });
    }
    groups.at(-1)!.rows.push(row);
  }
  const body: ReactNode[] = groups.map((g) => (
    <tbody key={g.key}>
      {g.heading !== null && (
        <tr className={g.key.startsWith('s-') ? 'dhasil-section' : 'dhasil-party'}>
          <th colSpan={span} scope="rowgroup">
            {/* In a span, so the heading can stay in view while a wide table scrolls sideways. */}
            <span className="dhasil-group-title">{g.heading}</span>
          </th>
        </tr>
      )}
      {g.rows.map((row) => (
        <Row key={row.path} row={row} cols={cols} total={total} lang={lang} />
      ))}
    </tbody>
  ));
  return (
    <table className={`dhasil-table ${props.className ?? ''}`} data-testid="dhasil-table" data-level={table.level} data-contest={table.contest}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="dhasil-item">
            {t('dhasil.item')}
          </th>
          {cols.map((i) => (
            <ColumnHeader key={table.columns[i]!.code} column={table.columns[i]!} href={props.columnHref?.(table.columns[i]!) ?? null} />
          ))}
        </tr>
      </thead>
      {body}
    </table>
  );
}

function partyTitle(row: DHasilRow): string {
  return `${row.party}. ${row.partyName ?? ''}`.trim();
}

interface RowProps {
  row: DHasilRow;
  cols: readonly number[];
  /** Index of the total column in row.values (-1: none). */
  total: number;
  lang: Language;
}

/** Same label and the same figures in the shown columns: nothing to re-render. */
function sameRow(a: RowProps, b: RowProps): boolean {
  const ra = a.row;
  const rb = b.row;
  if (a.lang !== b.lang || ra.path !== rb.path || ra.shortLabel[a.lang] !== rb.shortLabel[b.lang] || ra.partyName !== rb.partyName) return false;
  if (a.total !== b.total || a.cols.length !== b.cols.length) return false;
  for (let k = 0; k < a.cols.length; k++) {
    const i = a.cols[k]!;
    if (i !== b.cols[k] || ra.values[i] !== rb.values[i]) return false;
  }
  return true;
}

/**
 * One figure row. Memoised by value: when a tally changes, new totals arrive as a new table, and
 * only the rows whose shown figures changed (a few, in two columns) re-render.
 */
const Row = memo(function Row(props: RowProps) {
  const { row, cols, total, lang } = props;
  return (
    <tr data-path={row.path} className={`dhasil-row dhasil-${row.kind}`}>
      <th scope="row">
        {row.partyName !== null && <span className="visually-hidden">{row.partyName} — </span>}
        {row.shortLabel[lang]}
      </th>
      {cols.map((i) => (
        <td key={i} className={i === total ? 'dhasil-total-cell' : undefined}>
          {formatFigure(row.values[i], lang)}
        </td>
      ))}
    </tr>
  );
}, sameRow);

function ColumnHeader(props: { column: DHasilColumn; href: string | null }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const c = props.column;
  const label = c.label[lang];
  let note: ReactNode;
  if (c.kind === 'tps') {
    const state = c.coverage.included === 0 ? 'missing' : c.coverage.unverified.length > 0 ? (c.status ?? 'draft') : 'verified';
    note = (
      <span className={`col-note col-${state}`} data-state={state}>
        {t(`dhasil.tpsState.${state}`)}
      </span>
    );
  } else {
    const partial = c.coverage.included < c.coverage.expected || c.coverage.unverified.length > 0;
    note = (
      <span className={`col-note ${partial ? 'col-partial' : 'col-complete'}`}>
        {/* Each line in a span of its own: on screen "15/24 TPS" is kept on one line (see dhasil.css). */}
        <span className="col-line">{t('dhasil.colCoverage', { included: formatNumber(c.coverage.included, lang), expected: formatNumber(c.coverage.expected, lang) })}</span>
        {c.coverage.unverified.length > 0 && (
          <>
            <br />
            <span className="col-line">{t('dhasil.colUnverified', { n: formatNumber(c.coverage.unverified.length, lang) })}</span>
          </>
        )}
      </span>
    );
  }
  return (
    <th scope="col" data-col={c.code} data-kind={c.kind} className={c.kind === 'total' ? 'dhasil-total-col' : undefined}>
      {props.href ? <a href={props.href}>{label}</a> : label}
      {!c.inSetup && <span className="col-note col-outside"> {t('dhasil.outsideSetup')}</span>}
      <br />
      {note}
    </th>
  );
}

/**
 * The grid with column pages and their controls (screen). The total comes first, right after the
 * item column, and both stay put while the desa/TPS columns scroll sideways: the figure a chair reads
 * aloud is always in view. No scroll box of its own: the page scrolls, so the table shows at full
 * height and its header row sticks to the top of the window.
 */
export function PagedDHasilTable(props: Omit<TableProps, 'columns' | 'className'>) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const size = props.table.level === 'desa' ? COLUMNS_PER_PAGE.tps : COLUMNS_PER_PAGE.desa;
  const pages = columnPages(props.table, size);
  const [wanted, setPage] = useState(0);
  const page = Math.min(wanted, pages.length - 1);
  const shown = pages[page]!.filter((i) => props.table.columns[i]!.kind !== 'total');
  const total = pages[page]!.filter((i) => props.table.columns[i]!.kind === 'total');
  const dataCount = props.table.columns.length - 1;
  const n = (v: number) => formatNumber(v, lang);
  const range = shown.length === 0 ? '' : t('dhasil.columnRange', { from: n(shown[0]! + 1), to: n(shown.at(-1)! + 1), total: n(dataCount), unit: t(`dhasil.unit.${props.table.level}`) });
  return (
    <div className="dhasil-paged">
      {pages.length > 1 && (
        <div className="dhasil-pager" role="group" aria-label={t('dhasil.pager')}>
          <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>
            {t('dhasil.prevColumns')}
          </button>
          <span role="status" aria-live="polite">
            {range}
          </span>
          <button type="button" onClick={() => setPage(page + 1)} disabled={page === pages.length - 1}>
            {t('dhasil.nextColumns')}
          </button>
        </div>
      )}
      <DHasilGrid {...props} caption={pages.length > 1 ? `${props.caption} (${range})` : props.caption} columns={[...total, ...shown]} className="dhasil-live" />
    </div>
  );
}
