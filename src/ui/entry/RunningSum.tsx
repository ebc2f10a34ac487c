import { memo, useMemo } from 'react';
import type { LocalizedText } from '../../domain/common/text.ts';
import { formatNumber } from '../../domain/common/text.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { useEntry, useStoreKeys } from './context.ts';
import { m } from './messages.ts';
import { cellKey } from './storeKeys.ts';

/**
 * The sum the paper says an entered total must equal (B.4 = B.1+B.2+B.3, B = A.1+ΣA.2, …), shown
 * next to that total while typing. It re-renders only when the sum or its agreement changes.
 */
export const RunningSum = memo(function RunningSum(props: {
  addends: readonly FieldPath[];
  target: FieldPath;
  formula: LocalizedText;
  testId: string;
  /** Off where a row header already names the formula (the B.1 + B.2 + B.3 row). */
  showFormula?: boolean;
}) {
  const { store, lang } = useEntry();
  const { addends, target } = props;
  // Re-added only when one of its own cells changes: a keystroke costs one party's sum, not 24.
  const keys = useMemo(() => [...addends, target].map(cellKey), [addends, target]);
  const snapshot = useStoreKeys(store, keys, (s) => {
    let sum = 0;
    let entered = 0;
    for (const p of addends) {
      const v = s.value(p);
      if (v !== null) {
        sum += v;
        entered++;
      }
    }
    const t = s.value(target);
    const complete = entered === addends.length;
    const agreement = !complete || t === null ? 'open' : t === sum ? 'match' : 'differ';
    return `${entered === 0 ? '' : sum}|${complete ? 1 : 0}|${agreement}`;
  });
  const [sumText, completeText, agreement] = snapshot.split('|');
  const sum = sumText === '' ? null : Number(sumText);
  return (
    <span
      className={`entry-sum entry-sum--${agreement}`}
      data-testid={props.testId}
      data-sum={sum ?? ''}
      title={props.formula[lang]}
    >
      {props.showFormula === false ? null : <span className="entry-sum-formula">{props.formula[lang]} </span>}
      <span className="entry-sum-value">= {sum === null ? '—' : formatNumber(sum, 'id')}</span>
      {completeText === '0' && sum !== null ? <span className="entry-sum-note"> ({m.sumIncomplete[lang]})</span> : null}
      {agreement === 'match' ? <span className="entry-sum-note"> ✓ {m.sumMatches[lang]}</span> : null}
      {agreement === 'differ' ? <span className="entry-sum-note"> ≠ {m.sumDiffers[lang]}</span> : null}
    </span>
  );
});
