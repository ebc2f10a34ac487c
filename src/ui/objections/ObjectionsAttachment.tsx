import { useLiveQuery } from 'dexie-react-hooks';
import type { DesaCode } from '../../domain/codes/codes.ts';
import { DECISION_TEXT, KIND_TEXT, raisedByText, scopeText } from '../../domain/objections/index.ts';
import { findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { listObjections } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { formatWib } from '../common/format.ts';
import { useSetupState } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { LinkedCorrections } from './LinkedCorrections.tsx';
import './objections.css';

export interface ObjectionsAttachmentProps {
  /** null: the kecamatan D.Hasil (every objection of the kecamatan). */
  desa: DesaCode | null;
  contest: ContestId;
}

/**
 * The Model D.Kejadian Khusus dan/atau Keberatan attached to a printed D.Hasil: the objections and
 * special events of the desa (or of the whole kecamatan) that concern this contest or every contest.
 */
export function ObjectionsAttachment(props: ObjectionsAttachmentProps) {
  const setupState = useSetupState();
  if (setupState.state !== 'ready') return null;
  return <Attachment setup={setupState.setup} {...props} />;
}

function Attachment(props: ObjectionsAttachmentProps & { setup: Setup }) {
  const { setup, desa, contest } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const list = useLiveQuery(() => listObjections(db, { contest, ...(desa ? { desa } : {}) }), [db, contest, desa]);
  const area = desa ? t('objections.attachmentDesa', { name: findDesa(setup, desa)?.name ?? desa }) : t('objections.attachmentKecamatan', { name: setup.kecamatan.name });
  return (
    <section className="objections-attachment" aria-labelledby="objections-attachment-title" data-testid="objections-attachment">
      <h2 id="objections-attachment-title">{t('objections.attachmentTitle')}</h2>
      <p>
        {area} · {t(`contest.${contest}`)}
      </p>
      {list === undefined ? null : list.rows.length === 0 ? (
        <p>{t('objections.attachmentNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('objections.colNumber')}</th>
              <th scope="col">{t('objections.kind')}</th>
              <th scope="col">{t('objections.colWhere')}</th>
              <th scope="col">{t('objections.raisedBy')}</th>
              <th scope="col">{t('objections.description')}</th>
              <th scope="col">{t('objections.decision')}</th>
              <th scope="col">{t('objections.corrections')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row, i) => {
              const o = row.objection;
              const d = o.decision;
              return (
                <tr key={row.id}>
                  <td>{i + 1}</td>
                  <td>{KIND_TEXT[o.kind][lang]}</td>
                  <td>
                    {scopeText(setup, o.scope)[lang]}
                    {o.contest === null ? ` (${t('objections.allContests')})` : ''}
                  </td>
                  <td>{raisedByText(setup, o.raisedBy)[lang]}</td>
                  <td>
                    {o.description}
                    <br />
                    <small>
                      {o.recordedBy}, {formatWib(o.recordedAt, lang)}
                    </small>
                  </td>
                  <td>
                    <strong>{DECISION_TEXT[d.status][lang]}</strong>
                    {d.status !== 'pending' && (
                      <>
                        : {d.note}
                        <br />
                        <small>
                          {d.by}, {formatWib(d.at, lang)}
                        </small>
                      </>
                    )}
                  </td>
                  <td>
                    <LinkedCorrections setup={setup} links={o.corrections} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
