import { useTranslation } from '../i18n/index.ts';
import type { DesaCode } from '../../domain/codes/codes.ts';
import { findDesa, tpsOfDesa, type Setup } from '../../domain/setup/index.ts';
import { routeHash } from '../app/route.ts';
import { GridLinks } from '../grid/GridLinks.tsx';
import { DesaCountsLine } from './DesaCountsLine.tsx';
import { StatusChips, useStatusText } from './StatusChip.tsx';
import type { StatusIndex } from './status.ts';

const pad = (n: number) => String(n).padStart(3, '0');

/** Steps 4–5: the desa's TPS × contests grid; each cell opens that C.Hasil form. */
export function DesaScreen(props: { setup: Setup; index: StatusIndex; desa: DesaCode }) {
  const { setup, index } = props;
  const { t } = useTranslation();
  const statusText = useStatusText();
  const desa = findDesa(setup, props.desa);
  if (!desa) return <p role="alert">{t('entry.unknownTps')}</p>;
  const tps = tpsOfDesa(setup, desa.code);
  return (
    <section aria-labelledby="desa-title">
      <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
        <ol>
          <li>
            <a href={routeHash({ name: 'home' })}>{t('nav.backToList')}</a>
          </li>
          <li aria-current="page">{desa.name}</li>
        </ol>
      </nav>
      <h1 id="desa-title">{desa.name}</h1>
      <p>
        <DesaCountsLine counts={index.desa(desa.code)} />
      </p>
      <GridLinks setup={setup} desa={desa.code} />
      <table className="tps-grid">
        <caption className="visually-hidden">{t('nav.summary')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nav.tps')}</th>
            {setup.contests.map((c) => (
              <th scope="col" key={c.id}>
                {t(`contest.${c.id}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tps.map((ref) => (
            <tr key={ref.code} data-tps={ref.code}>
              <th scope="row">{t('nav.tpsNumber', { number: pad(ref.number) })}</th>
              {setup.contests.map((c) => {
                const summary = index.get(ref.code, c.id);
                return (
                  <td key={c.id} data-contest={c.id}>
                    <a
                      href={routeHash({ name: 'entry', tps: ref.code, contest: c.id })}
                      aria-label={t('nav.openForm', { tps: pad(ref.number), contest: t(`contest.${c.id}`), status: statusText(summary) })}
                    >
                      <StatusChips summary={summary} />
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
