import { text, type Language } from '../../domain/common/text.ts';
import { isScopeMark, scopeMarkText } from '../../domain/audit/index.ts';
import { refusalShortText } from '../../domain/workflow/index.ts';

/**
 * Issue 11: an audit entry whose edit the server's workflow refused (the server marks it with the
 * refusal code) is shown as refused, not as a change: a badge, the values struck through, and
 * "not applied" with the reason in words. Shared by a form's history and the kecamatan's Riwayat.
 * The reasons are the workflow's short wordings (refusalShortText), or why the entry is out of
 * scope (issue 14: no op of its device on the record, a witness writing beyond its own
 * objections; scopeMarkText): the row already names the record.
 */

/** The reason in words (the workflow's own short wording; never the raw code on an Indonesian screen). */
export const refusedReason = (code: string, lang: Language): string => (isScopeMark(code) ? scopeMarkText(code) : refusalShortText(code))[lang];

const BADGE = text('Ditolak server', 'Refused by the server');
const NOT_APPLIED = text('Tidak diterapkan', 'Not applied');
const TITLE = text(
  'Perangkat ini mencatat perubahan ini, tetapi server menolaknya: perubahan ini tidak berlaku pada data.',
  'The device recorded this change, but the server refused it: it did not change the record.',
);

const OUT_OF_SCOPE = text('Bukan perubahan', 'Not a change');
const OUT_OF_SCOPE_TITLE = text(
  'Perangkat ini mencatat entri ini, tetapi server tidak pernah menerima perubahan yang sesuai darinya: entri ini tidak mengubah data.',
  'The device recorded this entry, but the server never received a matching change from it: it did not change the record.',
);

export function RefusedBadge(props: { lang: Language; code?: string }) {
  const scope = props.code !== undefined && isScopeMark(props.code);
  return (
    <span className="entry-history-refused-badge" data-testid="refused-badge" title={(scope ? OUT_OF_SCOPE_TITLE : TITLE)[props.lang]}>
      {(scope ? OUT_OF_SCOPE : BADGE)[props.lang]}
    </span>
  );
}

/** "Tidak diterapkan: <reason>." under the struck-through values. */
export function RefusedReason(props: { code: string; lang: Language }) {
  return (
    <p className="entry-history-refused-reason" data-testid="refused-reason">
      {NOT_APPLIED[props.lang]}: {refusedReason(props.code, props.lang)}.
    </p>
  );
}

/** A history row's action, with the badge when the server refused the change. */
export function ActionWithRefusal(props: { label: string; refused: string | null; lang: Language }) {
  return (
    <>
      {props.label}
      {props.refused ? (
        <>
          {' '}
          <RefusedBadge lang={props.lang} code={props.refused} />
        </>
      ) : null}
    </>
  );
}
