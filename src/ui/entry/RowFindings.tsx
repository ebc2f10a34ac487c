import { memo, useMemo } from 'react';
import type { Finding } from '../../domain/checks/types.ts';
import type { Language } from '../../domain/common/text.ts';
import { useEntry, useStoreKeys } from './context.ts';
import { NO_FINDINGS } from './entryStore.ts';
import { m } from './messages.ts';
import { anchorKey } from './storeKeys.ts';

/** One finding as shown to the clerk: its code, then the message quoting the figures. */
export function FindingText({ finding, lang, accepted }: { finding: Finding; lang: Language; accepted: boolean }) {
  return (
    <>
      <span className="entry-finding-code">{finding.code}</span> {finding.message[lang]}
      {accepted ? <span className="entry-finding-accepted"> ({m.accepted[lang]})</span> : null}
    </>
  );
}

/** The findings whose last cell is in this row, shown right under it. */
export const RowFindings = memo(function RowFindings({ anchor, as = 'div', colSpan = 1 }: { anchor: string; as?: 'div' | 'tr'; colSpan?: number }) {
  const { store, lang } = useEntry();
  const keys = useMemo(() => [anchorKey(anchor)], [anchor]);
  const findings = useStoreKeys(store, keys, (s) => s.anchors.get(anchor) ?? NO_FINDINGS);
  if (findings.length === 0) return null;
  const list = (
    <ul className="entry-row-findings" data-testid={`findings-${anchor}`}>
      {findings.map((f) => {
        const sev = store.severityOfFinding(f);
        return (
          <li key={`${f.code}-${f.fields.join(',')}`} className={`entry-finding entry-finding--${sev}`} data-code={f.code}>
            <FindingText finding={f} lang={lang} accepted={sev === 'accepted'} />
          </li>
        );
      })}
    </ul>
  );
  if (as === 'tr') {
    return (
      <tr className="entry-findings-row">
        <td colSpan={colSpan}>{list}</td>
      </tr>
    );
  }
  return list;
});
