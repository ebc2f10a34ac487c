import { manifestEntryOf, OP_SIGNATURE_DOMAIN, OpIdSchema, OpSchema, opSigningMessage, recordKeyOf, type Op, type OpResult } from '../../api/index.ts';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { text } from '../../domain/common/text.ts';
import { zodIssuesSummary } from '../../domain/errors/index.ts';
import { importPublicJwk, verifyText } from '../../domain/crypto/keys.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { actorFor } from '../../domain/workflow/index.ts';
import type { Deps } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import type { ApplyOpInput, Device } from '../storage/types.ts';
import { canonicalOrNull } from './canonicalText.ts';
import { checksOf } from './checks.ts';
import { checkManifest, matchesManifest } from './manifest.ts';
import { reasons } from './reasons.ts';
import { checkOpAgainstSetup } from './validateRecord.ts';

/**
 * Ops are parsed one by one so that one malformed op is answered `rejected` instead of failing the
 * whole batch (and blocking the device's outbox). Only an op without a usable op id cannot be
 * answered at all: then nothing in the request is processed (400).
 */
export function requireOpIds(ops: readonly unknown[]): void {
  const issues: { path: string; message: string }[] = [];
  ops.forEach((raw, i) => {
    const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).opId : undefined;
    if (!OpIdSchema.safeParse(id).success) issues.push({ path: `ops.${i}.opId`, message: 'op id: a UUID' });
  });
  if (issues.length > 0) {
    throw new ApiProblem(
      'bad-request',
      text('Setiap operasi memerlukan ID operasi (UUID); tidak ada yang diproses.', 'Every op needs an op id (UUID); nothing was processed.'),
      issues,
    );
  }
}

/** The request as the route parsed it: the ops each on their own, the manifest and its signature unchecked. */
export interface PushEnvelope {
  ops: readonly unknown[];
  manifest?: unknown;
  signature?: unknown;
}

/**
 * Handles a push in order: later ops of a batch may build on the versions earlier ones created.
 * The manifest's one signature is checked first (a bad one refuses every op); then the checks that
 * need no database (shape, place in the manifest, key, hash, setup); the rest are decided and stored
 * in one transaction with the manifest, so the answer is sent only once all of it is durable.
 */
export async function handlePush(deps: Deps, device: Device, setup: Setup, envelope: PushEnvelope): Promise<OpResult[]> {
  const publicKey = await importPublicJwk(device.publicKey);
  const batch = await checkManifest(device, publicKey, envelope);
  const ids = envelope.ops.map((raw) => OpIdSchema.parse((raw as { opId: unknown }).opId));
  if (!batch.ok) return ids.map((opId) => ({ opId, status: 'rejected', code: batch.error.code, reason: batch.error.reason }));
  const actor = actorFor(setup, device.role, device.panel);
  const results: (OpResult | null)[] = [];
  const accepted: ApplyOpInput[] = [];
  const receivedAt = deps.now().toISOString();
  for (const [index, raw] of envelope.ops.entries()) {
    const parsed = OpSchema.safeParse(raw);
    const opId = ids[index]!;
    if (!parsed.success) {
      results.push({ opId, status: 'rejected', code: 'malformed', reason: reasons.malformed(zodIssuesSummary(parsed.error, { root: raw, max: 1 })) });
      continue;
    }
    const op = parsed.data;
    const recordText = canonicalOrNull(op.record);
    const entryText = canonicalOrNull(manifestEntryOf(op));
    if (recordText === null || entryText === null) {
      results.push({ opId, status: 'rejected', code: 'malformed', reason: reasons.unsignableText() });
      continue;
    }
    const refusal = batch.value
      ? matchesManifest(entryText, batch.value.manifest, index)
        ? await refuse(op, recordText, setup, null)
        : ({ opId, status: 'rejected', code: 'not-in-manifest', reason: reasons.notInManifest() } satisfies OpResult)
      : await refuse(op, recordText, setup, publicKey);
    results.push(refusal);
    if (!refusal) accepted.push({ op, device: { id: device.id, role: device.role }, actor, setup, receivedAt, findings: findingsOf(op, setup), recordText });
  }
  const stored = await deps.storage.applyOps(device.kecamatan, accepted, batch.value?.stored ?? null);
  let next = 0;
  const merged = results.map((r) => r ?? stored[next++]!);
  const lastSeq = Math.max(0, ...stored.map((r) => (r.status === 'applied' ? r.seq : 0)));
  if (lastSeq > 0) deps.notifier.publish(device.kecamatan, lastSeq);
  return merged;
}

/**
 * The checks that need no stored record: the key names the record, the hash holds, the op's own
 * signature holds (`publicKey`: a push without a manifest; with one, its signature covers the op),
 * the record fits the setup. Who may make the change is the workflow's, decided with the stored
 * records (src/server/push/workflow.ts).
 */
async function refuse(op: Op, recordText: string, setup: Setup, publicKey: CryptoKey | null): Promise<OpResult | null> {
  const rejected = (code: string, reason: ReturnType<typeof reasons.locked>): OpResult => ({ opId: op.opId, status: 'rejected', code, reason });
  const expectedKey = recordKeyOf(op);
  if (op.key !== expectedKey) return rejected('key-mismatch', reasons.keyMismatch(op.key, expectedKey));
  if ((await sha256Hex(recordText)) !== op.hash) return rejected('hash-mismatch', reasons.hashMismatch());
  if (publicKey && !(op.signature !== undefined && (await verifyText(publicKey, OP_SIGNATURE_DOMAIN, opSigningMessage(op), op.signature)))) {
    return rejected('bad-signature', reasons.badSignature());
  }
  const check = checkOpAgainstSetup(setup, op);
  if (!check.ok) return rejected('not-in-setup', reasons.notInSetup(check.reason));
  return null;
}

/** Check codes on a form, for the audit row; they never stop it from being stored. */
function findingsOf(op: Op, setup: Setup): string[] {
  if (op.kind !== 'tally') return [];
  const contest = setup.contests.find((c) => c.id === op.record.contest);
  try {
    return [...new Set(checksOf(op.record, contest).map((f) => f.code))];
  } catch {
    return [];
  }
}
