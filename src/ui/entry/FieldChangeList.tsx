import type { AuditChange } from '../../domain/audit/index.ts';
import type { Language } from '../../domain/common/text.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { hashGroups } from '../../domain/canonical/hash.ts';
import { fieldChanges, labelOf, valueOf } from './historyFormat.ts';
import { m } from './messages.ts';

/**
 * An audit entry's changed fields, each "label: old → new" with the form's own labels. `refused`:
 * the server refused the edit, so the values are struck through — recorded, but never applied.
 */
export function FieldChangeList(props: { change: AuditChange; contest: ContestSetup; lang: Language; refused?: boolean }) {
  const { change, contest, lang, refused = false } = props;
  if (change.record.kind === 'photos') return <PhotoChange change={change} lang={lang} />;
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

/** A photo entry: the page and the SHA-256 of the bytes it recorded (docs/integrity.md). */
function PhotoChange(props: { change: AuditChange; lang: Language }) {
  const { change, lang } = props;
  const value = (change.after ?? change.before) as { page?: unknown; sha256?: unknown } | null;
  const page = typeof value?.page === 'number' ? value.page : null;
  const sha = typeof value?.sha256 === 'string' ? value.sha256 : '';
  return (
    <ul className="entry-history-changes">
      <li>
        {m.photoPage[lang].replace('{n}', String(page ?? '?'))} · SHA-256 <code>{hashGroups(sha).slice(0, 4).join(' ')}…</code>
      </li>
    </ul>
  );
}
