import { describe, expect, it } from 'vitest';
import { OpSchema, opSigningMessage, recordHash, type UnsignedOp } from '../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair, signText, verifyText } from '../../src/domain/crypto/index.ts';
import type { ContestSetup } from '../../src/domain/setup/index.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';

const PPWP: ContestSetup = { id: 'PPWP', name: 'PPWP', candidates: [1, 2, 3].map((n) => ({ number: n, name: `Paslon ${n}` })) };

describe('sync ops', () => {
  it('a signed op parses, and its signature covers the record hash', async () => {
    const record = { ...setFigure(emptyTally('3509082001001' as TpsCode, PPWP), 'votes.1', 13), status: 'draft' as const };
    const unsigned: UnsignedOp = {
      opId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      kind: 'tally',
      key: '3509082001001:PPWP',
      baseVersion: 0,
      record,
      hash: await recordHash(record),
      schemaVersion: 1,
      actor: 'Siti',
      at: '2024-02-18T03:00:00.000+07:00',
      reason: null,
    };
    const pair = await generateKeyPair();
    const signature = await signText(pair.privateKey, 'rekap.op/v1', opSigningMessage(unsigned));
    const op = OpSchema.parse({ ...unsigned, signature });
    const jwk = await exportPublicJwk(pair.publicKey);
    expect(await verifyText(jwk, 'rekap.op/v1', opSigningMessage(op), op.signature!)).toBe(true);
    const changed = { ...op, hash: await recordHash(setFigure(record, 'votes.1', 14)) };
    expect(await verifyText(jwk, 'rekap.op/v1', opSigningMessage(changed), op.signature!)).toBe(false);
  });

  it('refuses an op whose key is not <tps>:<contest>', () => {
    const r = OpSchema.safeParse({ opId: 'x', key: '123:PPWP' });
    expect(r.success).toBe(false);
  });

  it('names its kind: an objection travels under objection:<id>, a form key cannot carry one', async () => {
    const objection = {
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      kind: 'objection' as const,
      scope: { level: 'tps' as const, tps: '3509082001001' as TpsCode },
      contest: 'PPWP' as const,
      raisedBy: { role: 'panwascam' as const, name: null },
      description: 'Segel kotak rusak',
      recordedAt: '2024-02-18T03:00:00.000Z',
      recordedBy: 'Panwascam',
      decision: { status: 'pending' as const },
      corrections: [],
      filedBy: { name: 'Panwascam', role: 'panwas' as const },
    };
    const base = { opId: '0f8fad5b-d9cb-469f-a165-70867728950e', baseVersion: 0, record: objection, hash: await recordHash(objection), schemaVersion: 1, actor: 'P', at: '2024-02-18T03:00:00.000+07:00', reason: null, signature: await anySignature() };
    expect(OpSchema.safeParse({ ...base, kind: 'objection', key: `objection:${objection.id}` }).success).toBe(true);
    expect(OpSchema.safeParse({ ...base, kind: 'objection', key: '3509082001001:PPWP' }).success).toBe(false);
    expect(OpSchema.safeParse({ ...base, kind: 'tally', key: `objection:${objection.id}` }).success).toBe(false);
  });

  it('reads an op stored before ops had kinds as a form', async () => {
    const record = { ...emptyTally('3509082001001' as TpsCode, PPWP), status: 'empty' as const };
    const old = { opId: '0f8fad5b-d9cb-469f-a165-70867728950e', key: '3509082001001:PPWP', baseVersion: 0, record, hash: await recordHash(record), schemaVersion: 1, actor: 'S', at: '2024-02-18T03:00:00.000+07:00', reason: null, signature: await anySignature() };
    expect(OpSchema.parse(old).kind).toBe('tally');
  });
});

/** A well-formed signature (what it signs does not matter to the schema). */
async function anySignature(): Promise<string> {
  return signText((await generateKeyPair()).privateKey, 'rekap.op/v1', 'x');
}
