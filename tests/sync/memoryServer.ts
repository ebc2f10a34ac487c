import {
  ATTESTATION_DOMAIN,
  auditRefusalStatus,
  auditRefusalText,
  type AuditHeadResponse,
  type AuditRefusal,
  type RecordAuditItem,
  type RecordAuditResponse,
  OP_SIGNATURE_DOMAIN,
  OpSchema,
  opSigningMessage,
  recordHash,
  type Change,
  type EnrolRequest,
  type EnrolResponse,
  type Op,
  type OpResult,
  type PullResponse,
  type PushResponse,
  type Role,
  type ServerRecord,
} from '../../src/api/index.ts';
import { verifyChain, type AuditEntry } from '../../src/domain/audit/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { KecamatanCodeSchema, type DesaCode } from '../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, keyHash, signText, verifyText, type PublicKeyJwk } from '../../src/domain/crypto/keys.ts';
import type { Setup } from '../../src/domain/setup/schema.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { TransportError, transportFailure, type IssuedCode, type Transport } from '../../src/sync/index.ts';

/**
 * A faithful in-memory model of the sync server (DESIGN.md §6), for the engine's tests: one
 * kecamatan, enrolment codes, per-op results applied | duplicate | conflict | locked | rejected,
 * a change feed by seq, every version kept (so "no acknowledged write is lost" can be checked).
 */
interface Device {
  id: string;
  name: string;
  role: Role;
  panel: string | null;
  desa: DesaCode[] | null;
  publicKey: PublicKeyJwk;
  keyHash: string;
  revoked: boolean;
}

interface PendingCode {
  role: Role;
  panel: string | null;
  desa: DesaCode[] | null;
}

export class MemoryServer {
  readonly records = new Map<string, ServerRecord>();
  /** Every applied version of every record, as the change feed. */
  readonly feed: Change[] = [];
  private readonly results = new Map<string, { hash: string; result: OpResult }>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly devices = new Map<string, Device>();
  private readonly tokens = new Map<string, string>();
  private keys!: CryptoKeyPair;
  private serverKey!: PublicKeyJwk;
  private counter = 0;
  /** Requests processed (each push or pull that reached the server). */
  requests = 0;

  private constructor(readonly setup: Setup) {}

  static async create(setup: Setup): Promise<MemoryServer> {
    const server = new MemoryServer(setup);
    server.keys = await generateKeyPair(false);
    server.serverKey = await exportPublicJwk(server.keys.publicKey);
    return server;
  }

  code(role: Role, opts: { panel?: string | null; desa?: DesaCode[] | null } = {}): string {
    const code = `kode-${++this.counter}-${Math.random().toString(36).slice(2, 8)}`;
    this.codes.set(code, { role, panel: opts.panel ?? null, desa: opts.desa ?? (role === 'chair' ? null : role === 'clerk' ? [] : null) });
    return code;
  }

  revoke(deviceId: string): void {
    const device = this.devices.get(deviceId);
    if (device) device.revoked = true;
  }

  async enrol(req: EnrolRequest): Promise<EnrolResponse> {
    const pending = this.codes.get(req.code);
    if (!pending) throw refused(401, 'unauthorized', 'unknown or used code');
    this.codes.delete(req.code);
    const device: Device = {
      id: `dev-${++this.counter}`,
      name: req.deviceName,
      role: pending.role,
      panel: pending.panel,
      desa: pending.desa,
      publicKey: req.publicKey,
      keyHash: await keyHash(req.publicKey),
      revoked: false,
    };
    this.devices.set(device.id, device);
    const token = `token-${crypto.randomUUID()}-${crypto.randomUUID()}`;
    this.tokens.set(token, device.id);
    const kecamatan = KecamatanCodeSchema.parse(this.setup.kecamatan.code);
    const attested = { deviceId: device.id, deviceName: device.name, kecamatan, role: device.role, panel: device.panel, publicKey: req.publicKey, issuedAt: new Date().toISOString() };
    const signature = await signText(this.keys.privateKey, ATTESTATION_DOMAIN, canonicalJson(attested));
    return {
      deviceId: device.id,
      token,
      role: device.role,
      kecamatan,
      panel: device.panel,
      desa: device.desa,
      setup: this.setup,
      serverKey: this.serverKey,
      attestation: { ...attested, signature },
    };
  }

  private device(token: string | null): Device {
    const id = token ? this.tokens.get(token) : undefined;
    const device = id ? this.devices.get(id) : undefined;
    if (!device || device.revoked) throw refused(401, 'unauthorized', 'bad token');
    return device;
  }

  async push(token: string | null, ops: Op[]): Promise<PushResponse> {
    const device = this.device(token);
    this.requests++;
    const results: OpResult[] = [];
    for (const raw of ops) results.push(await this.apply(device, raw));
    return { results };
  }

  private async apply(device: Device, raw: Op): Promise<OpResult> {
    const parsed = OpSchema.safeParse(raw);
    const opId = typeof raw.opId === 'string' ? raw.opId : '00000000-0000-4000-8000-000000000000';
    const reject = (why: string): OpResult => ({ opId, status: 'rejected', reason: { id: why, en: why } });
    if (!parsed.success) return reject('malformed');
    const op = parsed.data;
    const { signature, ...unsigned } = op;
    if (!(await verifyText(device.publicKey, OP_SIGNATURE_DOMAIN, opSigningMessage(unsigned), signature))) return reject('bad signature');
    const seen = this.results.get(op.opId);
    if (seen) {
      if (seen.hash !== op.hash) return reject('op id reused with another hash');
      return seen.result.status === 'applied' ? { ...seen.result, status: 'duplicate' } : seen.result;
    }
    if ((await recordHash(op.record)) !== op.hash || tallyKey(op.record) !== op.key) return reject('hash or key does not match the record');
    if (device.role === 'witness' || device.role === 'panwas') return reject('read-only role');
    if (device.role === 'clerk' && !(device.desa ?? []).includes(String(op.key).slice(0, 10) as DesaCode)) return reject('outside the panel');
    const current = this.records.get(op.key) ?? null;
    let result: OpResult;
    if (current?.record.status === 'final') {
      result = { opId: op.opId, status: 'locked', reason: { id: 'final', en: 'final' }, server: current };
    } else if (op.baseVersion !== (current?.version ?? 0)) {
      if (!current) return reject('base version unknown to the server');
      result = { opId: op.opId, status: 'conflict', server: current };
    } else {
      const record: ServerRecord = { key: op.key, version: (current?.version ?? 0) + 1, record: op.record, hash: op.hash, deviceId: device.id, actor: op.actor, at: new Date().toISOString() };
      this.records.set(op.key, record);
      const seq = this.feed.length + 1;
      this.feed.push({ ...record, seq });
      result = { opId: op.opId, status: 'applied', version: record.version, seq };
    }
    this.results.set(op.opId, { hash: op.hash, result });
    return result;
  }

  async pull(token: string | null, since: number, limit: number): Promise<PullResponse> {
    this.device(token);
    this.requests++;
    const changes = this.feed.filter((c) => c.seq > since).slice(0, limit);
    const lastSeq = changes.at(-1)?.seq ?? since;
    return { changes, lastSeq, more: lastSeq < this.feed.length };
  }

  async issueCode(token: string | null, role: Role, panel: string | null): Promise<IssuedCode> {
    const device = this.device(token);
    if (device.role !== 'chair') throw refused(403, 'forbidden', 'chair only');
    return { code: this.code(role, { panel }), role, panel, expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
  }

  /** Each device key's audit chain, as POST /api/audit keeps it (gap, rewrite and signature checks). */
  readonly chains = new Map<string, AuditEntry[]>();

  async pushAudit(token: string | null, entries: AuditEntry[]): Promise<AuditHeadResponse> {
    const device = this.device(token);
    const chain = this.chains.get(device.keyHash) ?? [];
    for (const entry of entries) {
      const stored = chain[entry.seq - 1];
      if (stored && stored.hash !== entry.hash) throw auditRefused({ kind: 'rewritten', seq: entry.seq });
    }
    const last = chain.at(-1);
    const head = last ? { seq: last.seq, hash: last.hash } : null;
    const fresh = entries.filter((e) => e.seq > chain.length);
    if (fresh.length === 0) return { head };
    const verified = await verifyChain(fresh, device.publicKey, head);
    if (!verified.ok) throw auditRefused(verified.error);
    this.chains.set(device.keyHash, [...chain, ...fresh]);
    return { head: verified.value };
  }

  async auditHead(token: string | null): Promise<AuditHeadResponse> {
    const last = this.chains.get(this.device(token).keyHash)?.at(-1);
    return { head: last ? { seq: last.seq, hash: last.hash } : null };
  }

  async recordAudit(token: string | null, key: string): Promise<RecordAuditResponse> {
    this.device(token);
    const items: RecordAuditItem[] = [];
    for (const device of this.devices.values()) {
      for (const entry of this.chains.get(device.keyHash) ?? []) {
        if (entry.record.key !== key) continue;
        items.push({ entry, device: { deviceId: device.id, name: device.name, role: device.role, revoked: device.revoked, publicKey: device.publicKey }, receivedAt: entry.at });
      }
    }
    return { items, more: false };
  }

  async recentAudit(token: string | null, prefix: string | null): Promise<RecordAuditResponse> {
    this.device(token);
    const items: RecordAuditItem[] = [];
    for (const device of this.devices.values()) {
      for (const entry of this.chains.get(device.keyHash) ?? []) {
        if (prefix !== null && !entry.record.key.startsWith(prefix)) continue;
        items.push({ entry, device: { deviceId: device.id, name: device.name, role: device.role, revoked: device.revoked, publicKey: device.publicKey }, receivedAt: entry.at });
      }
    }
    // The model keeps no receipt time: the entries' own time stands in for it.
    items.sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at) || b.entry.seq - a.entry.seq);
    return { items, more: false };
  }

  /** A transport straight into this server (no network). */
  transport(token: string | null): Transport {
    return {
      enrol: (req) => this.enrol(structuredClone(req)),
      push: (ops) => this.push(token, structuredClone(ops)),
      pull: (since, limit) => this.pull(token, since, limit).then((r) => structuredClone(r)),
      issueCode: (role, panel) => this.issueCode(token, role, panel),
      pushAudit: (entries) => this.pushAudit(token, structuredClone(entries)),
      auditHead: () => this.auditHead(token),
      recordAudit: (key) => this.recordAudit(token, key).then((r) => structuredClone(r)),
      recentAudit: (prefix) => this.recentAudit(token, prefix).then((r) => structuredClone(r)),
    };
  }

  /** Every hash a record ever had on this server. */
  history(key: string): string[] {
    return this.feed.filter((c) => c.key === key).map((c) => c.hash);
  }
}

function refused(status: number, code: string, why: string): TransportError {
  return new TransportError({ kind: 'refused', status, code, message: { id: why, en: why } });
}

/** A refused audit segment, with the body the real server sends (409 or 422 and the refusal). */
function auditRefused(refusal: AuditRefusal): TransportError {
  const status = auditRefusalStatus(refusal);
  const code = status === 409 ? 'conflict' : 'unprocessable';
  const message = auditRefusalText(refusal);
  return new TransportError({ kind: 'refused', status, code, message, body: { error: { code, message, refusal } } });
}

/** A transport that looks up its target on every call (a test can cut or wrap the network in between). */
export function routedTransport(target: () => Transport): Transport {
  return {
    enrol: (req) => target().enrol(req),
    push: (ops) => target().push(ops),
    pull: (since, limit) => target().pull(since, limit),
    issueCode: (role, panel) => target().issueCode(role, panel),
    pushAudit: (entries) => target().pushAudit(entries),
    auditHead: () => target().auditHead(),
    recordAudit: (key) => target().recordAudit(key),
    recentAudit: (prefix) => target().recentAudit(prefix),
  };
}

/** A transport that fails: every call throws a network error (the hall without a connection). */
export const offlineTransport: Transport = {
  enrol: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  push: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  pull: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  issueCode: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  pushAudit: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  auditHead: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  recordAudit: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
  recentAudit: () => Promise.reject(new TransportError(transportFailure.network('offline'))),
};
