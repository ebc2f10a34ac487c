import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AuditEntrySchema,
  chainFailureText,
  headOf,
  sealChanges,
  verifyChain,
  verifySegment,
  type AuditChange,
  type AuditEntry,
} from '../../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash, type PublicKeyJwk } from '../../../src/domain/crypto/keys.ts';

interface Device {
  keyHash: string;
  privateKey: CryptoKey;
  publicKey: PublicKeyJwk;
}

async function device(): Promise<Device> {
  const pair = await generateKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyHash: await keyHash(publicKey), privateKey: pair.privateKey, publicKey };
}

const change = (n: number, over: Partial<AuditChange> = {}): AuditChange => ({
  at: `2024-02-16T0${n % 10}:00:00.000+07:00`,
  actor: 'Siti',
  role: 'clerk',
  record: { kind: 'tally', key: `3509010001001:ppwp` },
  action: 'tally.changed',
  before: { 'votes.1': n },
  after: { 'votes.1': n + 1 },
  reason: null,
  ...over,
});

let alice: Device;
let bob: Device;
let chain: AuditEntry[];

beforeAll(async () => {
  alice = await device();
  bob = await device();
  chain = await sealChanges([change(1), change(2), change(3, { action: 'tally.status', reason: 'koreksi pleno' }), change(4)], null, alice);
});

describe('the audit hash chain', () => {
  it('numbers entries from 1, links each to the previous hash, and verifies', async () => {
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0]!.prev).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prev).toBe(chain[i - 1]!.hash);
    const result = await verifyChain(chain, alice.publicKey, null);
    expect(result).toEqual({ ok: true, value: { seq: 4, hash: chain[3]!.hash } });
    for (const entry of chain) expect(AuditEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('continues from a head: a later segment verifies on its own against the stored head', async () => {
    const more = await sealChanges([change(5), change(6)], headOf(chain), alice);
    expect(more[0]!.seq).toBe(5);
    expect(await verifyChain(more, alice.publicKey, headOf(chain))).toEqual({ ok: true, value: { seq: 6, hash: more[1]!.hash } });
    // …but not as the start of a chain, nor after another head
    expect(await verifyChain(more, alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'gap', expected: 1, got: 5 } });
    expect(await verifyChain(more, alice.publicKey, { seq: 4, hash: chain[2]!.hash })).toMatchObject({
      ok: false,
      error: { kind: 'broken-link', seq: 5 },
    });
  });

  it('refuses a dropped, reordered or duplicated entry', async () => {
    expect(await verifyChain([chain[0], chain[2], chain[3]], alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'gap', expected: 2, got: 3 } });
    expect(await verifyChain([chain[1], chain[0]], alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'gap', expected: 1, got: 2 } });
    expect(await verifyChain([chain[0], chain[0]], alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'gap' } });
  });

  it('refuses an entry edited and re-hashed (the signature no longer matches)', async () => {
    const { hash: _h, signature, ...body } = chain[1]!;
    const edited = { ...body, after: { 'votes.1': 999 } };
    const { auditBodyHash } = await import('../../../src/domain/audit/chain.ts');
    const rehashed = { ...edited, hash: await auditBodyHash(edited), signature };
    expect(await verifyChain([chain[0], rehashed], alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'bad-signature', seq: 2 } });
  });

  it("refuses another device's chain, a chain re-signed by another key, and unknown fields", async () => {
    expect(await verifyChain(chain, bob.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'other-device', seq: 1 } });
    const forged = await sealChanges([change(1)], null, { keyHash: alice.keyHash, privateKey: bob.privateKey });
    expect(await verifyChain(forged, alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'bad-signature', seq: 1 } });
    const extra = { ...chain[0]!, note: 'added later' };
    expect(await verifyChain([extra], alice.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'malformed', index: 0 } });
  });

  it('explains every failure in Indonesian and English, naming the entry', () => {
    const t = chainFailureText({ kind: 'hash-mismatch', seq: 7 });
    expect(t.id).toContain('#7');
    expect(t.en).toContain('#7');
  });
});

describe('tampering (property)', () => {
  // Any change to any one field of any one entry, however small, is detected.
  const fields = ['at', 'actor', 'role', 'record', 'action', 'before', 'after', 'reason', 'seq', 'prev', 'device', 'hash', 'signature'] as const;
  it('detects every single-field edit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(chain.length - 1), fc.constantFrom(...fields), fc.nat(1000), async (index, field, n) => {
        const entry = chain[index]!;
        const tampered: Record<string, unknown> = { ...entry };
        switch (field) {
          case 'seq':
            tampered.seq = entry.seq + 1 + (n % 3);
            break;
          case 'role':
            tampered.role = entry.role === 'chair' ? 'clerk' : 'chair';
            break;
          case 'action':
            tampered.action = entry.action === 'tally.status' ? 'tally.changed' : 'tally.status';
            break;
          case 'record':
            tampered.record = { ...entry.record, key: `${entry.record.key}x` };
            break;
          case 'before':
          case 'after':
            tampered[field] = { 'votes.1': n + 5000 };
            break;
          case 'reason':
            tampered.reason = `alasan ${n}`;
            break;
          case 'at':
            tampered.at = `2024-02-17T0${n % 10}:00:00.000+07:00`;
            break;
          case 'actor':
            tampered.actor = `Budi ${n}`;
            break;
          case 'prev':
          case 'device':
          case 'hash': {
            const hex = (entry[field] ?? '0'.repeat(64)) as string;
            const i = n % 64;
            tampered[field] = hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
            break;
          }
          case 'signature': {
            const s = entry.signature;
            const i = n % 85; // the last character carries padding bits
            tampered.signature = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
            break;
          }
        }
        const copy: unknown[] = [...chain];
        copy[index] = tampered;
        const result = await verifyChain(copy, alice.publicKey, null);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a pushed segment is verified with one signature, its head’s (issue 13)', () => {
  it('takes a segment whose last entry is signed by the key and whose hashes link back to the start', async () => {
    expect(await verifySegment(chain, alice.publicKey, null)).toEqual({ ok: true, value: headOf(chain) });
    expect(await verifySegment(chain.slice(2), alice.publicKey, headOf(chain.slice(0, 2)))).toEqual({ ok: true, value: headOf(chain) });
  });

  it('refuses a changed entry anywhere in it, though only the head’s signature is checked', async () => {
    const edited = chain.map((e) => (e.seq === 2 ? { ...e, after: { 'votes.1': 99 } } : e));
    expect(await verifySegment(edited, alice.publicKey, null)).toEqual({ ok: false, error: { kind: 'hash-mismatch', seq: 2 } });
    const rehashed = await sealChanges([change(1), { ...change(2), after: { 'votes.1': 99 } }], null, alice);
    // Entry 2 rewritten and re-hashed (by its own key): entry 3 no longer names it.
    expect(await verifySegment([...rehashed, ...chain.slice(2)], alice.publicKey, null)).toEqual({ ok: false, error: { kind: 'broken-link', seq: 3 } });
  });

  it('refuses a segment whose head is signed by another key, or not signed at all', async () => {
    const forgedHead = await sealChanges([change(4)], headOf(chain.slice(0, 3)), { keyHash: alice.keyHash, privateKey: bob.privateKey });
    expect(await verifySegment([...chain.slice(0, 3), ...forgedHead], alice.publicKey, null)).toEqual({ ok: false, error: { kind: 'bad-signature', seq: 4 } });
    expect(await verifySegment(chain, bob.publicKey, null)).toEqual({ ok: false, error: { kind: 'other-device', seq: 1 } });
  });

  it('leaves an inner entry’s own signature to the full audit: verifyChain still finds it', async () => {
    const swapped = chain.map((e) => (e.seq === 2 ? { ...e, signature: chain[0]!.signature } : e));
    expect((await verifySegment(swapped, alice.publicKey, null)).ok).toBe(true);
    expect(await verifyChain(swapped, alice.publicKey, null)).toEqual({ ok: false, error: { kind: 'bad-signature', seq: 2 } });
  });
});
