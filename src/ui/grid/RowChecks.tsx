import { memo } from 'react';
import type { Finding } from '../../domain/checks/types.ts';
import { useStore, useStoreKeys } from '../entry/context.ts';
import type { EntryStore } from '../entry/entryStore.ts';
import { FindingText } from '../entry/RowFindings.tsx';
import { FINDINGS_KEYS } from '../entry/storeKeys.ts';
import { useTranslation } from '../i18n/index.ts';
import { useGrid } from './context.ts';
import { findingsCount } from './messages.ts';

/** Open findings (errors, then warnings not accepted), each group in paper order: the first is the one to fix first. */
function openFindings(store: EntryStore, findings: readonly Finding[]): Finding[] {
  return findings
    .map((f) => ({ f, sev: store.severityOfFinding(f), at: store.positionOf(store.firstField(f) ?? '') }))
    .filter((x) => x.sev !== 'accepted')
    .sort((a, b) => (a.sev === 'error' ? 0 : 1) - (b.sev === 'error' ? 0 : 1) || a.at - b.at || a.f.code.localeCompare(b.f.code))
    .map((x) => x.f);
}

/**
 * A row's live checks, beside its figures: the status chip of the desa screen, then how many
 * findings are open and the first one's text (all of them are in the single form). One line, so a
 * finding appearing while the clerk types does not push the rows below down.
 */
export const RowChecks = memo(function RowChecks({ store }: { store: EntryStore }) {
  const { lang } = useGrid();
  const { t } = useTranslation();
  const findings = useStoreKeys(store, FINDINGS_KEYS, (s) => s.findings);
  const status = useStore(store, (s) => s.tally.status);
  const open = openFindings(store, findings);
  const errors = open.filter((f) => f.severity === 'error').length;
  const first = open[0];
  return (
    <td className="grid-checks" data-testid="row-checks" data-status={status} data-errors={errors} data-warnings={open.length - errors}>
      <span className="grid-checks-line">
        <span className={`chip chip-${status}`} data-status={status}>
          {t(`status.${status}`)}
        </span>{' '}
        {first ? (
          <span className={`grid-finding entry-finding--${first.severity}`} data-code={first.code} title={`${first.code} ${first.message[lang]}`}>
            <span className="grid-finding-count">{findingsCount(open.length)[lang]}:</span> <FindingText finding={first} lang={lang} accepted={false} />
          </span>
        ) : null}
      </span>
    </td>
  );
});
