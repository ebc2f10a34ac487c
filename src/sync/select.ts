/**
 * Picks sendable ops while a store walks its (readable) ops oldest first: per record only its
 * oldest op, and only when that one is `queued` or `sent` and the record has no open conflict. A
 * record whose oldest op is in conflict, locked or rejected sends nothing until a person acts: its
 * later ops were made on top of a change the server has not taken. Stateful: make one per walk.
 */
export function headSelector(blockedKeys: ReadonlySet<string>): (op: { key: string; state: string }) => boolean {
  const seen = new Set<string>();
  return ({ key, state }) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return !blockedKeys.has(key) && (state === 'queued' || state === 'sent');
  };
}
