import { useLiveQuery } from 'dexie-react-hooks';
import type { CorrectionLink } from '../../domain/objections/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { linkedRevisions } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { revisionChanges, revisionTitle } from './revisionText.ts';

/** The corrections an objection caused, each with what changed, who and when. */
export function LinkedCorrections(props: { setup: Setup; links: readonly CorrectionLink[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const links = props.links;
  const revisions = useLiveQuery(() => linkedRevisions(db, links), [db, links]);
  if (links.length === 0) return <span>{t('objections.noLinks')}</span>;
  const contestName = (c: ContestId) => t(`contest.${c}`);
  return (
    <ul className="linked-corrections">
      {links.map((l) => {
        const r = revisions?.find((x) => x.key === l.key && x.revision === l.revision);
        return (
          <li key={`${l.key}#${l.revision}`}>
            <strong>{revisionTitle(l.key, l.revision, contestName)}</strong>
            {r ? `: ${revisionChanges(props.setup, r, lang)}${r.reason ? ` — ${r.reason}` : ''}` : ''}
          </li>
        );
      })}
    </ul>
  );
}
