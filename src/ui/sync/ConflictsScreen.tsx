import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { RecordConflictCard } from './RecordConflictCard.tsx';
import { TallyConflictCard } from './TallyConflictCard.tsx';
import { useConflicts } from './useSyncStatus.ts';
import './sync.css';

/**
 * #/konflik: records where this device's figures and the server's differ. Nothing was overwritten;
 * a person compares both versions cell by cell with the paper C.Hasil and saves the result as a
 * new version on top of the server's.
 */
export function ConflictsScreen(props: { setup: Setup; actor: string }) {
  const { t } = useTranslation();
  const conflicts = useConflicts();
  return (
    <section aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('sync.conflicts.title')}</h1>
      <p>{t('sync.conflicts.intro')}</p>
      {conflicts === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : conflicts.length === 0 ? (
        <p className="banner ok" role="status">
          {t('sync.conflicts.none')}
        </p>
      ) : (
        conflicts.map((conflict) =>
          conflict.kind === 'tally' ? (
            <TallyConflictCard key={`${conflict.key}:${conflict.server.version}`} setup={props.setup} conflict={conflict} actor={props.actor} />
          ) : (
            <RecordConflictCard key={`${conflict.key}:${conflict.server.version}`} setup={props.setup} conflict={conflict} actor={props.actor} />
          ),
        )
      )}
    </section>
  );
}
