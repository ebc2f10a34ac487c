import { kindOfKey } from '../api/records.ts';

/**
 * Picks sendable ops while a store walks its (readable) ops oldest first: per record only its
 * oldest op, and only when that one is `queued` or `sent` and the record has no open conflict. A
 * record whose oldest op is in conflict, locked or rejected sends nothing until a person acts: its
 * later ops were made on top of a change the server has not taken. Stateful: make one per walk.
 *
 * A desa's finalisation goes after its forms (the server takes it only once it holds them final):
 * when an older op of one of its forms waits behind that form's op going in this batch (a resend
 * after a lost answer, say), the finalisation waits for the next batch, which the round sends
 * right after this one.
 */
export function headSelector(blockedKeys: ReadonlySet<string>): (op: { key: string; state: string }) => boolean {
  const seen = new Set<string>();
  const sending = new Set<string>();
  /** `<desa>:<contest>` of forms with an op waiting behind one sent now. */
  const formsWaiting = new Set<string>();
  return ({ key, state }) => {
    if (seen.has(key)) {
      if (sending.has(key) && kindOfKey(key) === 'tally') formsWaiting.add(`${key.slice(0, 10)}:${key.slice(14)}`);
      return false;
    }
    seen.add(key);
    if (formsWaiting.has(key) && kindOfKey(key) === 'finalisation') return false;
    const send = !blockedKeys.has(key) && (state === 'queued' || state === 'sent');
    if (send) sending.add(key);
    return send;
  };
}
