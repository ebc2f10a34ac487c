import type { DesaCode } from '../../domain/codes/codes.ts';
import type { DHasilTable } from '../../domain/export/index.ts';
import { findContest, type Setup } from '../../domain/setup/index.ts';
import { formatNumber, formatScheduleDate, todayInJakarta } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { CoverageNote } from '../dhasil/CoverageNote.tsx';
import { columnPages, DHasilGrid } from '../dhasil/DHasilTableView.tsx';
import { ObjectionsAttachment } from '../objections/ObjectionsAttachment.tsx';
import { PrintIntegrity } from './PrintIntegrity.tsx';
import { SignatureBlocks } from './SignatureBlocks.tsx';

/**
 * Data columns per printed table. With the item column, 12 figures and the total fit a landscape
 * A4 sheet at 8 pt; a desa with 46 TPS prints as four tables one after the other, like the paper
 * lampiran continued on further sheets.
 */
export const PRINT_COLUMNS = 12;

/** The printable D.Hasil: title and wilayah, coverage, the tables, signatures and attachments. */
export function PrintDocument(props: { setup: Setup; table: DHasilTable; title: string; now: Date }) {
  const { setup, table } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const contest = findContest(setup, table.contest)!;
  const pages = columnPages(table, PRINT_COLUMNS);
  const dataCount = table.columns.length - 1;
  const n = (v: number) => formatNumber(v, lang);
  const placeDate = `${setup.kecamatan.name}, ${formatScheduleDate(todayInJakarta(props.now), lang)}`;
  return (
    <article className="print-doc" data-testid="print-doc" data-level={table.level} data-contest={table.contest}>
      <header className="print-title">
        <p className="print-form">{t(`print.form.${table.level}`)}</p>
        <h1>{props.title}</h1>
        <dl className="print-facts">
          <dt>{t('print.election')}</dt>
          <dd>{setup.election.name}</dd>
          <dt>{t('print.contest')}</dt>
          <dd>
            {contest.name}
            {contest.dapil ? ` — ${t('print.dapil', { name: contest.dapil.name, seats: contest.dapil.seats })}` : ''}
          </dd>
          <dt>{t('print.provinsi')}</dt>
          <dd>{setup.provinsi.name} ({setup.provinsi.code})</dd>
          <dt>{t('print.kabupaten')}</dt>
          <dd>{setup.kabupaten.name} ({setup.kabupaten.code})</dd>
          <dt>{t('print.kecamatan')}</dt>
          <dd>{setup.kecamatan.name} ({setup.kecamatan.code})</dd>
          {table.level === 'desa' && (
            <>
              <dt>{t('print.desa')}</dt>
              <dd>{table.area.name} ({table.area.code})</dd>
            </>
          )}
        </dl>
      </header>
      <CoverageNote setup={setup} coverage={table.columns.at(-1)!.coverage} level={table.level} expanded />
      {pages.map((cols, i) => {
        const data = cols.filter((c) => table.columns[c]!.kind !== 'total');
        const part =
          pages.length > 1 && data.length > 0
            ? ` (${t('dhasil.columnRange', { from: n(data[0]! + 1), to: n(data.at(-1)! + 1), total: n(dataCount), unit: t(`dhasil.unit.${table.level}`) })})`
            : '';
        // The total column closes the last table only; earlier sheets continue to the right.
        const shown = i === pages.length - 1 ? cols : data;
        return (
          <div key={i} className="print-chunk">
            <DHasilGrid table={table} caption={`${props.title}${part}`} columns={shown} className="print-table" />
          </div>
        );
      })}
      <SignatureBlocks setup={setup} contest={contest} placeDate={placeDate} />
      {/* Beside the wet signatures: the signed summary's hash binds this paper to exactly one file. */}
      <PrintIntegrity contest={table.contest} />
      {/* The objections and special events of this desa/kecamatan × contest (Model D.Kejadian Khusus dan/atau Keberatan). */}
      <section className="print-objections" data-testid="print-objections">
        <ObjectionsAttachment desa={table.level === 'desa' ? (table.area.code as DesaCode) : null} contest={table.contest} />
      </section>
    </article>
  );
}
