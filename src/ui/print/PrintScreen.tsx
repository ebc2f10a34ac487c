import { useId, useState } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import { findContest, findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { routeHash } from '../app/route.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { dhasilTitle } from '../dhasil/DHasilView.tsx';
import { useDHasil } from '../dhasil/useDHasil.ts';
import { isPaper, pageCss, PAPERS, type Paper } from './pageStyle.ts';
import { usePageStyle } from './usePageStyle.ts';
import { PrintDocument } from './PrintDocument.tsx';
import '../dhasil/dhasil.css';
import './print.css';

/** `#/cetak/<contest>[/<desa>]`: the D.Hasil ready for the browser's print dialog (or "Save as PDF"). */
export function PrintScreen(props: { setup: Setup; contest: ContestId; desa?: DesaCode; now?: Date }) {
  const { t } = useTranslation();
  if (!findContest(props.setup, props.contest)) return <p role="alert">{t('dhasil.unknownContest', { contest: props.contest })}</p>;
  if (props.desa && !findDesa(props.setup, props.desa)) return <p role="alert">{t('dhasil.unknownDesa', { desa: props.desa })}</p>;
  return <PrintPage {...props} />;
}

function PrintPage(props: { setup: Setup; contest: ContestId; desa?: DesaCode; now?: Date }) {
  const { setup, contest, desa } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const paperId = useId();
  const [paper, setPaper] = useState<Paper>('A4');
  const data = useDHasil(setup, contest, desa);
  const now = props.now ?? new Date();
  const desaName = desa ? (findDesa(setup, desa)?.name ?? desa) : null;
  const title = dhasilTitle(t, setup, contest, desaName);
  const area = desaName
    ? t('print.headerDesa', { desa: desaName, kecamatan: setup.kecamatan.name, kabupaten: setup.kabupaten.name })
    : t('print.headerKecamatan', { kecamatan: setup.kecamatan.name, kabupaten: setup.kabupaten.name, provinsi: setup.provinsi.name });
  const css = pageCss(paper, {
    topLeft: area,
    topRight: findContest(setup, contest)?.name ?? contest,
    bottomLeft: t('print.printedAt', { when: formatWib(now, lang) }),
    pageWord: t('print.page'),
    ofWord: t('print.of'),
  });
  usePageStyle(css);
  return (
    <div className="print-screen">
      <div className="print-toolbar no-print">
        <a href={routeHash({ name: 'dhasil', contest, ...(desa ? { desa } : {}) })}>{t('print.back')}</a>
        <span className="field-inline">
          <label htmlFor={paperId}>{t('print.paper')}</label>{' '}
          <select id={paperId} value={paper} onChange={(e) => isPaper(e.target.value) && setPaper(e.target.value)}>
            {Object.keys(PAPERS).map((p) => (
              <option key={p} value={p}>
                {t(`print.papers.${p}`)}
              </option>
            ))}
          </select>
        </span>
        <button type="button" className="primary" disabled={!data?.table} onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <span className="hint">{t('print.hint')}</span>
      </div>
      {data === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : data.table === null ? (
        <p role="alert">{t('dhasil.unknownDesa', { desa })}</p>
      ) : (
        <PrintDocument setup={setup} table={data.table} title={title} now={now} />
      )}
    </div>
  );
}
