import { useTranslation } from '../i18n/index.ts';
import { desaOfTps, tpsNumberOf, type TpsCode } from '../../domain/codes/codes.ts';
import { findContest, findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { EntryForm } from '../entry/EntryForm.tsx';
import { routeHash } from './route.ts';

const pad = (n: number) => String(n).padStart(3, '0');

/** One TPS × contest: breadcrumbs back to the desa, then the C.Hasil entry form. */
export function EntryScreen(props: { setup: Setup; tps: TpsCode; contest: ContestId; actor: string }) {
  const { t } = useTranslation();
  const desa = findDesa(props.setup, desaOfTps(props.tps));
  const contest = findContest(props.setup, props.contest);
  const number = tpsNumberOf(props.tps);
  if (!desa || !contest || !desa.tps.includes(number)) return <p role="alert">{t('entry.unknownTps')}</p>;
  return (
    <section>
      <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
        <ol>
          <li>
            <a href={routeHash({ name: 'home' })}>{t('nav.backToList')}</a>
          </li>
          <li>
            <a href={routeHash({ name: 'desa', desa: desa.code })}>{desa.name}</a>
          </li>
          <li>{t('nav.tpsNumber', { number: pad(number) })}</li>
          <li aria-current="page">{t(`contest.${contest.id}`)}</li>
        </ol>
      </nav>
      <nav aria-label={t('nav.contest')} className="tabs">
        {props.setup.contests.map((c) => (
          <a key={c.id} href={routeHash({ name: 'entry', tps: props.tps, contest: c.id })} aria-current={c.id === contest.id ? 'page' : undefined}>
            {t(`contest.${c.id}`)}
          </a>
        ))}
      </nav>
      <h1 className="visually-hidden">{t('entry.title', { contest: contest.name, desa: desa.name, number: pad(number) })}</h1>
      <EntryForm key={`${props.tps}:${props.contest}`} tps={props.tps} contest={props.contest} actor={props.actor} />
    </section>
  );
}
