import type { DesaCode } from '../../domain/codes/codes.ts';
import type { DHasilTable } from '../../domain/export/index.ts';
import { findContest, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { routeHash } from '../app/route.ts';
import { VotesChart } from '../charts/VotesChart.tsx';
import { useTranslation } from '../i18n/index.ts';
import { FinalisationPanel } from '../finalisation/FinalisationPanel.tsx';
import { SignedSummaryPanel } from '../summary/SignedSummaryPanel.tsx';
import { CoverageLine } from './CoverageLine.tsx';
import { PagedDHasilTable } from './DHasilTableView.tsx';
import { DHasilCards } from './DHasilCards.tsx';
import { usePhone } from '../common/usePhone.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';

type T = ReturnType<typeof useTranslation>['t'];

export function dhasilTitle(t: T, setup: Setup, contest: ContestId, desaName: string | null): string {
  const contestName = findContest(setup, contest)?.name ?? contest;
  return desaName
    ? t('dhasil.titleDesa', { desa: desaName, contest: contestName })
    : t('dhasil.titleKecamatan', { kecamatan: setup.kecamatan.name, contest: contestName });
}

/**
 * The body of a D.Hasil page for a computed table (no data loading, so it renders from any table).
 * Figures first: one line of coverage, the table, then finalisation and signing folded to one line
 * each, then the chart.
 */
export function DHasilView(props: { setup: Setup; table: DHasilTable; title: string; corrupt: number; updatedAt?: string | null }) {
  const { setup, table } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const total = table.columns.at(-1)!;
  // On a phone the table pivots to cards, one desa or TPS each, the total first (issue 16).
  const phone = usePhone();
  return (
    <>
      {props.corrupt > 0 && (
        <div className="banner error" role="alert">
          {t('nav.corruptRows', { count: props.corrupt })}
        </div>
      )}
      {/* Live (issue 16): the figures follow the hall as it syncs; when they last changed, in WIB. */}
      {props.updatedAt !== undefined && (
        <p className="dhasil-updated hint" data-testid="dhasil-updated" data-at={props.updatedAt ?? ''}>
          {props.updatedAt ? t('dhasil.updatedAt', { time: formatWib(props.updatedAt, lang) }) : t('dhasil.notUpdated')}
        </p>
      )}
      <CoverageLine setup={setup} coverage={total.coverage} level={table.level} />
      {phone ? (
        <DHasilCards key={`${table.contest}-${table.area.code}`} table={table} caption={props.title} />
      ) : (
        <PagedDHasilTable
          key={`${table.contest}-${table.area.code}`}
          table={table}
          caption={props.title}
          columnHref={(c) => (c.kind === 'desa' && c.inSetup ? routeHash({ name: 'dhasil', contest: table.contest, desa: c.code as DesaCode }) : null)}
        />
      )}
      <div data-testid="finalisation-slot" className="finalisation-slot">
        <FinalisationPanel desa={table.level === 'desa' ? (table.area.code as DesaCode) : null} contest={table.contest} collapsed />
      </div>
      {/* The signed summary covers the whole kecamatan, so it is offered on the kecamatan page. */}
      {table.level === 'kecamatan' && <SignedSummaryPanel setup={setup} contest={table.contest} collapsed />}
      {/* The chart is per desa, on the kecamatan page; a desa's lampiran can have 300 TPS, too many bars to read. */}
      {table.level === 'kecamatan' && (
        <>
          <h2>{t('chart.title', { unit: t(`dhasil.unit.${table.level}`) })}</h2>
          <VotesChart table={table} title={t('chart.svgTitle', { title: props.title, unit: t(`dhasil.unit.${table.level}`) })} />
        </>
      )}
    </>
  );
}
