import { kindOfKey, type ChangeProof, type PullProofs } from '../../api/index.ts';
import type { ChangeText } from '../storage/types.ts';

/**
 * The pull answer (PullResponseSchema) written around the records' stored JSON text: a record was
 * checked and serialised when it was stored, so parsing and serialising it again for every reader
 * would only cost time (a form is ~200 figures; a kecamatan's feed is thousands of them). The
 * devices parse the answer with the shared schema as before.
 */
export function pullBody(changes: readonly ChangeText[], lastSeq: number, more: boolean, proven?: { byChange: ReadonlyMap<number, ChangeProof | null>; proofs: PullProofs }): string {
  const rows = changes.map((c) => {
    const kind = kindOfKey(c.key);
    if (kind === null) throw new Error(`stored change with a key of no kind: ${c.key}`);
    const fields = { kind, key: c.key, version: c.version, hash: c.hash, deviceId: c.deviceId, actor: c.actor, at: c.at, seq: c.seq, ...(proven ? { proof: proven.byChange.get(c.seq) ?? null } : {}) };
    const head = JSON.stringify(fields);
    return `${head.slice(0, -1)},"record":${c.record}}`;
  });
  const proofs = proven ? `,"proofs":${JSON.stringify(proven.proofs)}` : '';
  return `{"changes":[${rows.join(',')}],"lastSeq":${lastSeq},"more":${more}${proofs}}`;
}
