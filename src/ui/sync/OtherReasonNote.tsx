import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { cm } from './conflictMessages.ts';
import { useOtherReason } from './useOtherReason.ts';

/** One line under a conflict's title: the other person's reason for their version, or why it is not shown. */
export function OtherReasonNote(props: { recordKey: string; server: { deviceId: string; at: string; version: number; actor: string } }) {
  const lang = useLanguage();
  const state = useOtherReason(props.recordKey, props.server);
  const { actor } = props.server;
  const line = (() => {
    switch (state.kind) {
      case 'loading':
        return cm.reasonLoading;
      case 'offline':
        return cm.reasonOffline;
      case 'not-yet':
        return cm.reasonNotYet(actor);
      case 'none':
        return cm.noReason(actor);
      case 'reason':
        return cm.reasonOf(actor, state.reason, formatWib(state.at, lang));
    }
  })();
  return (
    <p className="conflict-reason" data-testid="conflict-other-reason" data-state={state.kind}>
      {line[lang]}
    </p>
  );
}
