import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KabupatenTotalsResponse } from '../../api/kabupaten.ts';
import { CONTEST_LABELS } from '../../domain/labels/contests.ts';
import type { LocalizedText } from '../../domain/common/text.ts';
import { kabupatenClient, type KabupatenClient } from '../../sync/kabupaten.ts';
import { TransportError } from '../../sync/transport.ts';
import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { DHasilGrid } from '../dhasil/DHasilTableView.tsx';
import '../dhasil/dhasil.css';
import { useTranslation } from '../i18n/index.ts';
import { routeHash } from '../app/route.ts';
import { useSyncEngine } from '../sync/engine.ts';
import { useSyncStatus } from '../sync/useSyncStatus.ts';
import { ImportSummaryForm } from './ImportSummaryForm.tsx';
import { groupFinal, kabupatenTable } from './table.ts';

/** #/kabupaten: the kabupaten totals from the server this device is enrolled with. */
export function KabupatenScreen(props: { fetch?: typeof globalThis.fetch }) {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const engine = useSyncEngine();
  if (status.loading) return <p role="status">{t('app.loading')}</p>;
  const enrolment = status.enrolment;
  if (!enrolment) {
    return (
      <section>
        <h1>{t('kabupaten.title')}</h1>
        <p className="banner">
          <a href={routeHash({ name: 'sync' })}>{t('kabupaten.notEnrolled')}</a>
        </p>
      </section>
    );
  }
  return (
    <KabupatenView
      serverUrl={enrolment.serverUrl}
      token={enrolment.token}
      canImport={enrolment.role === 'chair'}
      beforeImport={() => engine.syncNow()}
      {...(props.fetch ? { fetch: props.fetch } : {})}
    />
  );
}

type Load = { state: 'loading' } | { state: 'ready'; totals: KabupatenTotalsResponse } | { state: 'failed'; reason: LocalizedText };

export function KabupatenView(props: {
  serverUrl: string;
  token: string;
  canImport: boolean;
  fetch?: typeof globalThis.fetch;
  randomInt?: (maxExclusive: number) => number;
  /** Before an upload: a sync round, so the signer's audit chain is on the server. */
  beforeImport?: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { serverUrl, token, fetch: fetchImpl } = props;
  const client: KabupatenClient = useMemo(() => kabupatenClient({ serverUrl, token, ...(fetchImpl ? { fetch: fetchImpl } : {}) }), [serverUrl, token, fetchImpl]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    client.totals().then(
      (totals) => current && setLoad({ state: 'ready', totals }),
      (error: unknown) => {
        if (!(error instanceof TransportError)) throw error;
        if (current) setLoad({ state: 'failed', reason: error.failure.message });
      },
    );
    return () => {
      current = false;
    };
  }, [client, version]);
  const reload = useCallback(() => {
    setLoad({ state: 'loading' });
    setVersion((v) => v + 1);
  }, []);

  const n = (v: number) => formatNumber(v, lang);
  return (
    <section>
      <h1>{t('kabupaten.title')}</h1>
      <p className="hint">{t('kabupaten.intro', { server: serverUrl })}</p>
      {load.state === 'loading' && <p role="status">{t('kabupaten.loading')}</p>}
      {load.state === 'failed' && (
        <div className="banner error" role="alert">
          {t('kabupaten.loadFailed', { reason: load.reason[lang] })}{' '}
          <button type="button" onClick={reload}>
            {t('kabupaten.reload')}
          </button>
        </div>
      )}
      {load.state === 'ready' && (
        <>
          <h2 data-testid="kabupaten-heading">{t('kabupaten.heading', { name: load.totals.kabupaten.name, code: load.totals.kabupaten.code })}</h2>
          {load.totals.contests.every((c) => c.groups.length === 0) && <p>{t('kabupaten.none')}</p>}
          {load.totals.contests.map((c) => {
            const label = CONTEST_LABELS[c.contest][lang];
            return (
              <section key={c.contest} className="card" data-testid={`kabupaten-contest-${c.contest}`} aria-labelledby={`kab-${c.contest}`}>
                <h3 id={`kab-${c.contest}`}>{t('kabupaten.contestTitle', { contest: label })}</h3>
                {c.ballotConflict && (
                  <p className="banner error" role="alert">
                    {t('kabupaten.conflict', { contest: label })}
                  </p>
                )}
                {c.groups.map((g) => (
                  <div key={g.ballotKey} className="kabupaten-group">
                    {c.groups.length > 1 || c.contest === 'DPRD_KAB' ? (
                      <h4>{g.ballot.dapil ? t('kabupaten.group', { dapil: g.ballot.dapil.name }) : t('kabupaten.groupAll')}</h4>
                    ) : null}
                    <p data-testid="kabupaten-included">{t('kabupaten.included', { list: g.kecamatan.map((k) => `${k.name} (${k.code})`).join(', ') })}</p>
                    <div className="dhasil-scroll" role="region" tabIndex={0} aria-label={label}>
                      <DHasilGrid
                        table={kabupatenTable(g, load.totals.kabupaten)}
                        caption={t('kabupaten.caption', { contest: label, kecamatan: n(g.kecamatan.length), tps: n(groupFinal(g)) })}
                      />
                    </div>
                    <ul className="hint" data-testid="kabupaten-coverage">
                      {g.kecamatan.map((k) => (
                        <li key={k.code} data-source={k.coverage.source}>
                          {t(k.coverage.source === 'server' ? 'kabupaten.coverageChecked' : 'kabupaten.coverageUnchecked', {
                            kecamatan: `${k.name} (${k.code})`,
                            final: n(k.coverage.final),
                            expected: n(k.coverage.expected),
                          })}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
                <p data-testid="kabupaten-missing">
                  {c.missing.length === 0 ? t('kabupaten.allIn') : t('kabupaten.missing', { list: c.missing.map((m) => `${m.name} (${m.code})`).join(', ') })}
                </p>
              </section>
            );
          })}
        </>
      )}
      {props.canImport && (
        <ImportSummaryForm client={client} onImported={reload} {...(props.beforeImport ? { beforeImport: props.beforeImport } : {})} {...(props.randomInt ? { randomInt: props.randomInt } : {})} />
      )}
    </section>
  );
}
