import type { AuditChange } from '../../domain/audit/index.ts';
import type { Language } from '../../domain/common/text.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { fieldChanges, labelOf, valueOf } from './historyFormat.ts';

/** An audit entry's changed fields, each "label: old → new" with the form's own labels. */
export function FieldChangeList(props: { change: AuditChange; contest: ContestSetup; lang: Language }) {
  const { change, contest, lang } = props;
  return (
    <ul className="entry-history-changes">
      {fieldChanges(change).map((c) => (
        <li key={c.path}>
          {labelOf(contest, c.path, lang)}: {valueOf(c.path, c.before, lang)} → {valueOf(c.path, c.after, lang)}
        </li>
      ))}
    </ul>
  );
}
