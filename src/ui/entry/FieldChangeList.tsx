import type { AuditChange } from '../../domain/audit/index.ts';
import type { Language } from '../../domain/common/text.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { fieldChanges, labelOf, valueOf } from './historyFormat.ts';

/**
 * An audit entry's changed fields, each "label: old → new" with the form's own labels. `refused`:
 * the server refused the edit, so the values are struck through — recorded, but never applied.
 */
export function FieldChangeList(props: { change: AuditChange; contest: ContestSetup; lang: Language; refused?: boolean }) {
  const { change, contest, lang, refused = false } = props;
  return (
    <ul className="entry-history-changes">
      {fieldChanges(change).map((c) => {
        const values = `${valueOf(c.path, c.before, lang)} → ${valueOf(c.path, c.after, lang)}`;
        return (
          <li key={c.path}>
            {labelOf(contest, c.path, lang)}: {refused ? <del>{values}</del> : values}
          </li>
        );
      })}
    </ul>
  );
}
