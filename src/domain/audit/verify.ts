import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { keyHash, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';
import { assertNever } from '../tally/contest.ts';
import { auditBodyHash } from './chain.ts';
import { AUDIT_SIGNATURE_DOMAIN, AuditEntrySchema, type AuditEntry, type ChainHead } from './schema.ts';

/** Why a chain (or a segment of it) is refused; `seq` is the first entry that fails. */
export type ChainFailure =
  | { kind: 'malformed'; index: number; detail: string }
  | { kind: 'other-device'; seq: number }
  | { kind: 'gap'; expected: number; got: number }
  | { kind: 'broken-link'; seq: number }
  | { kind: 'hash-mismatch'; seq: number }
  | { kind: 'bad-signature'; seq: number };

export function chainFailureText(f: ChainFailure): LocalizedText {
  switch (f.kind) {
    case 'malformed':
            // `detail` travels in the API as zod's (English) text: the Indonesian sentence does without it.
      return text(`Entri audit ke-${f.index + 1} tidak terbaca: bentuknya tidak sesuai format entri audit.`, `Audit entry ${f.index + 1} is unreadable: ${f.detail}`);
    case 'other-device':
      return text(`Entri audit #${f.seq} milik perangkat lain.`, `Audit entry #${f.seq} belongs to another device.`);
    case 'gap':
      return text(
        `Rantai audit terputus: diharapkan entri #${f.expected}, diterima #${f.got}.`,
        `The audit chain has a gap: expected entry #${f.expected}, got #${f.got}.`,
      );
    case 'broken-link':
      return text(
        `Entri audit #${f.seq} tidak menyambung ke entri sebelumnya (riwayat diubah).`,
        `Audit entry #${f.seq} does not link to the entry before it (the history was changed).`,
      );
    case 'hash-mismatch':
      return text(`Isi entri audit #${f.seq} tidak cocok dengan hash-nya (diubah).`, `Audit entry #${f.seq} does not match its hash (it was changed).`);
    case 'bad-signature':
      return text(
        `Tanda tangan entri audit #${f.seq} tidak sah untuk kunci perangkat ini.`,
        `The signature of audit entry #${f.seq} is not valid for this device's key.`,
      );
    default:
      return assertNever(f);
  }
}

/**
 * Checks that `entries` continue the chain ending at `from` (null: they start it) and were signed
 * by `publicKey`: each entry parses, belongs to the key, follows without a gap, names the previous
 * hash, matches its own hash and carries a valid signature. Returns the new head.
 */
export async function verifyChain(
  entries: readonly unknown[],
  publicKey: PublicKeyJwk,
  from: ChainHead | null,
): Promise<Result<ChainHead | null, ChainFailure>> {
  const device = await keyHash(publicKey);
  let head = from;
  for (const [index, raw] of entries.entries()) {
    const parsed = AuditEntrySchema.safeParse(raw);
    if (!parsed.success) return err({ kind: 'malformed', index, detail: parsed.error.issues[0]?.message ?? 'invalid' });
    const entry: AuditEntry = parsed.data;
    if (entry.device !== device) return err({ kind: 'other-device', seq: entry.seq });
    const expected = (head?.seq ?? 0) + 1;
    if (entry.seq !== expected) return err({ kind: 'gap', expected, got: entry.seq });
    if (entry.prev !== (head?.hash ?? null)) return err({ kind: 'broken-link', seq: entry.seq });
    const { hash, signature, ...body } = entry;
    const computed = await bodyHashOrNull(body);
    if (computed === null) return err(unhashable(index));
    if (computed !== hash) return err({ kind: 'hash-mismatch', seq: entry.seq });
    if (!(await verifyText(publicKey, AUDIT_SIGNATURE_DOMAIN, hash, signature).catch(() => false))) {
      return err({ kind: 'bad-signature', seq: entry.seq });
    }
    head = { seq: entry.seq, hash };
  }
  return ok(head);
}

/**
 * The body's hash, or null when it has no canonical JSON: RFC 8785 refuses a string holding a lone
 * UTF-16 surrogate, which JSON text can carry ("\ud800"). That is the sender's error, answered as a
 * malformed entry, never a crash of whoever reads it (issue 14: a 500 on POST /api/audit).
 */
async function bodyHashOrNull(body: Parameters<typeof auditBodyHash>[0]): Promise<string | null> {
  try {
    return await auditBodyHash(body);
  } catch {
    return null;
  }
}

const unhashable = (index: number): ChainFailure => ({ kind: 'malformed', index, detail: 'text that is not well-formed Unicode (a lone UTF-16 surrogate)' });

/**
 * A pushed segment the receiver has parsed already (the server's POST /api/audit): every entry
 * belongs to the key, follows without a gap, names the previous hash and matches its own hash, and
 * the segment's last entry carries the key's signature. That one signature covers the whole
 * segment: each entry's hash is over a body naming the hash before it, so the signed head commits
 * to every entry back to `from`. The entries' own signatures, which let a reader check one entry
 * alone, are checked by verifyChain when the stored chains are audited (`rekap server
 * verify-audit`), not on the way in (docs/integrity.md).
 */
export async function verifySegment(entries: readonly AuditEntry[], publicKey: PublicKeyJwk, from: ChainHead | null): Promise<Result<ChainHead | null, ChainFailure>> {
  const device = await keyHash(publicKey);
  let head = from;
  for (const [index, entry] of entries.entries()) {
    if (entry.device !== device) return err({ kind: 'other-device', seq: entry.seq });
    const expected = (head?.seq ?? 0) + 1;
    if (entry.seq !== expected) return err({ kind: 'gap', expected, got: entry.seq });
    if (entry.prev !== (head?.hash ?? null)) return err({ kind: 'broken-link', seq: entry.seq });
    const { hash, signature: _signature, ...body } = entry;
    const computed = await bodyHashOrNull(body);
    if (computed === null) return err(unhashable(index));
    if (computed !== hash) return err({ kind: 'hash-mismatch', seq: entry.seq });
    head = { seq: entry.seq, hash };
  }
  const last = entries.at(-1);
  if (last && !(await verifyText(publicKey, AUDIT_SIGNATURE_DOMAIN, last.hash, last.signature).catch(() => false))) {
    return err({ kind: 'bad-signature', seq: last.seq });
  }
  return ok(head);
}

/**
 * One entry read on its own (another device's, as the server hands it out): it belongs to the key,
 * matches its own hash and carries the key's signature. Its place in the chain is the server's check.
 */
export async function verifyEntry(entry: AuditEntry, publicKey: PublicKeyJwk): Promise<boolean> {
  const from = entry.seq > 1 && entry.prev !== null ? { seq: entry.seq - 1, hash: entry.prev } : null;
  return (await verifyChain([entry], publicKey, from)).ok;
}
