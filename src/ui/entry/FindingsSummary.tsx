import { memo } from 'react';
import type { Finding } from '../../domain/checks/types.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { useEntry, useStoreKeys } from './context.ts';
import { m } from './messages.ts';
import { FindingText } from './RowFindings.tsx';
import { FINDINGS_KEYS } from './storeKeys.ts';

/**
 * Open findings at the top of the form: errors first, then warnings not yet accepted, each in paper
 * order and each a button that jumps to the figure it quotes first.
 */
export const FindingsSummary = memo(function FindingsSummary() {
  const { store, lang, focusPath, idPrefix } = useEntry();
  const findings = useStoreKeys(store, FINDINGS_KEYS, (s) => s.findings);
  const open = findings
    .map((f) => ({ f, sev: store.severityOfFinding(f), first: store.firstField(f) }))
    .filter((x) => x.sev !== 'accepted')
    .sort(
      (a, b) =>
        (a.sev === 'error' ? 0 : 1) - (b.sev === 'error' ? 0 : 1) ||
        store.positionOf(a.first ?? '') - store.positionOf(b.first ?? '') ||
        a.f.code.localeCompare(b.f.code),
    );
  // The figure the finding quotes first (E08: the valid votes it sums against), not the first in
  // paper order: that is where the clerk compares screen and paper.
  const jumpTo = (f: Finding, first: FieldPath | undefined) => {
    const target = f.fields[0] ?? first;
    if (target) focusPath(target, { select: false });
  };
  const errors = open.filter((x) => x.sev === 'error').length;
  const warnings = open.length - errors;
  return (
    <section className="entry-summary" data-testid="findings-summary" data-errors={errors} data-warnings={warnings} aria-labelledby={`${idPrefix}summary-title`}>
      <h3 id={`${idPrefix}summary-title`}>
        {m.findingsTitle[lang]}:{' '}
        {open.length === 0 ? (
          <span className="entry-summary-clean">{m.noFindings[lang]}</span>
        ) : (
          <span>
            <span className="entry-summary-errors">
              {errors} {m.errorsCount[lang]}
            </span>
            ,{' '}
            <span className="entry-summary-warnings">
              {warnings} {m.warningsCount[lang]}
            </span>
          </span>
        )}
      </h3>
      {open.length > 0 ? (
        <ul>
          {open.map(({ f, sev, first }) => (
            <li key={`${f.code}-${f.fields.join(',')}`} className={`entry-finding entry-finding--${sev}`} data-code={f.code}>
              <button type="button" onClick={() => jumpTo(f, first)}>
                <FindingText finding={f} lang={lang} accepted={false} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
});
