import { randomUUID } from 'node:crypto';
import {
  EnrolResponseSchema,
  OP_SIGNATURE_DOMAIN,
  opSigningMessage,
  PullResponseSchema,
  PushResponseSchema,
  recordHash,
  recordKeyOf,
  type EnrolResponse,
  type KindedRecord,
  type Op,
  type OpResult,
  type PullResponse,
  type UnsignedOp,
} from '../../src/api/index.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, keyHash, signText } from '../../src/domain/crypto/keys.ts';
import type { Setup } from '../../src/domain/setup/schema.ts';
import { createRng, generateTally, generateTpsProfile } from '../../src/domain/synthetic/generate.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import type { ContestId } from '../../src/domain/tally/contest.ts';
import type { Tally, TallyStatus } from '../../src/domain/tally/tally.ts';
import { signRequestHeaders, type RequestSigner } from '../../src/sync/signRequest.ts';
import type { TestServer } from './harness.ts';

/** A minimal device for protocol tests: its key pair, token and signed ops (no outbox, no retries). */
export interface TestDevice {
  enrolment: EnrolResponse;
  token: string;
  keys: CryptoKeyPair;
  auth: Record<string, string>;
  op(record: Tally, baseVersion: number, extra?: Partial<Op>): Promise<Op>;
  /** A signed op of any kind (an objection, a finalisation), keyed as the server expects. */
  opOf(record: KindedRecord, baseVersion: number, extra?: Partial<Op>): Promise<Op>;
  push(ops: Op[] | unknown[]): Promise<{ status: number; results: OpResult[]; body: unknown }>;
  pull(since?: number, limit?: number): Promise<PullResponse>;
}

export async function enrolRaw(server: TestServer, code: string, deviceName = 'Laptop', keys?: CryptoKeyPair): Promise<Response> {
  const pair = keys ?? (await generateKeyPair());
  return server.request('/api/enrol', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName, publicKey: await exportPublicJwk(pair.publicKey) }),
  });
}

export async function enrol(server: TestServer, code: string, deviceName = 'Laptop'): Promise<TestDevice> {
  const keys = await generateKeyPair();
  const res = await enrolRaw(server, code, deviceName, keys);
  if (res.status !== 200) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  const enrolment = EnrolResponseSchema.parse(await res.json());
  const auth = { authorization: `Bearer ${enrolment.token}` };
  const device: TestDevice = {
    enrolment,
    token: enrolment.token,
    keys,
    auth,
    op: (record, baseVersion, extra = {}) => signedOp(keys.privateKey, record, baseVersion, extra),
    opOf: (record, baseVersion, extra = {}) => signedRecordOp(keys.privateKey, record, baseVersion, extra),
    async push(ops) {
      const res = await server.request('/api/push', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ ops }),
      });
      const body = (await res.json()) as unknown;
      return { status: res.status, body, results: res.status === 200 ? PushResponseSchema.parse(body).results : [] };
    },
    async pull(since = 0, limit = 500) {
      const res = await server.request(`/api/pull?since=${since}&limit=${limit}`, { headers: auth });
      if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
      return PullResponseSchema.parse(await res.json());
    },
  };
  return device;
}

/** The device's key, key hash and kecamatan, as the sync client signs with (src/sync/signRequest.ts). */
export async function requestSignerOf(device: TestDevice): Promise<RequestSigner> {
  return { privateKey: device.keys.privateKey, keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)), kecamatan: device.enrolment.kecamatan };
}

/** A privileged POST (codes, revoke) signed with the device's key at the server's clock, as the clients send it. */
export async function signedPost(server: TestServer, device: TestDevice, path: string, body?: unknown, at: Date = server.clock.now()): Promise<Response> {
  const signed = await signRequestHeaders(await requestSignerOf(device), { method: 'POST', path, body }, at);
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return server.request(path, { method: 'POST', headers: { ...device.auth, ...json, ...signed }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** POST /api/devices/:id/revoke, signed by `chair`. */
export function revokeAs(server: TestServer, chair: TestDevice, deviceId: string): Promise<Response> {
  return signedPost(server, chair, `/api/devices/${deviceId}/revoke`);
}

/** A code issued by the chair device through POST /api/codes. */
export async function issueCodeAs(server: TestServer, chair: TestDevice, role: string, panel: string | null = null): Promise<string> {
  const res = await signedPost(server, chair, '/api/codes', { role, panel });
  if (res.status !== 200) throw new Error(`code failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

export async function signedOp(privateKey: CryptoKey, record: Tally, baseVersion: number, extra: Partial<Op> = {}): Promise<Op> {
  return signedRecordOp(privateKey, { kind: 'tally', record }, baseVersion, extra);
}

export async function signedRecordOp(privateKey: CryptoKey, kinded: KindedRecord, baseVersion: number, extra: Partial<Op> = {}): Promise<Op> {
  const unsigned = {
    opId: randomUUID(),
    ...kinded,
    key: recordKeyOf(kinded),
    baseVersion,
    hash: await recordHash(kinded.record),
    schemaVersion: 1 as const,
    actor: 'Siti Aminah',
    at: '2024-02-18T09:15:00.000+07:00',
    reason: null,
    ...extra,
  };
  const signature = await signText(privateKey, OP_SIGNATURE_DOMAIN, opSigningMessage(unsigned as UnsignedOp));
  return { ...unsigned, signature, ...(extra.signature ? { signature: extra.signature } : {}) } as Op;
}

/**
 * A PPWP tally of a setup TPS with a few figures typed: a draft (the workflow refuses a form
 * marked entered with cells still empty; use cleanTally for a form past draft).
 */
export function tallyOf(setup: Setup, tps: TpsCode, contest: ContestId = 'PPWP', votes: number[] = [10, 20, 30], status: Tally['status'] = 'draft'): Tally {
  const contestSetup = setup.contests.find((c) => c.id === contest);
  if (!contestSetup) throw new Error(`no ${contest} in setup`);
  let t: Tally = { ...emptyTally(tps, contestSetup), status };
  if (contest === 'PPWP' || contest === 'DPD') votes.forEach((v, i) => (t = setFigure(t, `votes.${i + 1}`, v)));
  return t;
}

/** Who entered and who verified a form in that status (two different people, as verify requires). */
export function signOffs(status: TallyStatus): Pick<Tally, 'enteredBy' | 'verifiedBy'> {
  const entered = status === 'entered' || status === 'verified' || status === 'final';
  return { enteredBy: entered ? 'Ani' : null, verifiedBy: status === 'verified' || status === 'final' ? 'Dewi' : null };
}

/**
 * A complete, check-clean form of a setup TPS (every cell entered, no error or warning: ballots
 * received = ceil(1.02 × DPT), votes add up to valid, …) in a status, signed off as that status
 * needs. Seeded by the TPS, so the same TPS always gets the same figures.
 */
export function cleanTally(setup: Setup, tps: TpsCode, contest: ContestId = 'PPWP', status: TallyStatus = 'verified'): Tally {
  const contestSetup = setup.contests.find((c) => c.id === contest);
  if (!contestSetup) throw new Error(`no ${contest} in setup`);
  const rng = createRng(Number(tps.slice(-6)));
  return { ...generateTally(rng, tps, contestSetup, generateTpsProfile(rng)), status, ...signOffs(status) };
}

/** The first TPS of a desa in the setup. */
export function tpsIn(setup: Setup, desa: string, index = 0): TpsCode {
  const d = setup.desa.find((x) => x.code === desa);
  if (!d) throw new Error(`no desa ${desa}`);
  return `${d.code}${String(d.tps[index]).padStart(3, '0')}` as TpsCode;
}
