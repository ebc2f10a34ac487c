import { ATTESTATION_DOMAIN, AttestationSchema, type Attestation } from '../../api/index.ts';
import type { Deps } from '../context.ts';
import type { Device } from '../storage/types.ts';

/** What the server attests of a device: its key, role, panel and kecamatan (src/api/protocol.ts). */
export function attestedOf(device: Device, issuedAt: string): Omit<Attestation, 'signature'> {
  return {
    deviceId: device.id,
    deviceName: device.name,
    kecamatan: device.kecamatan,
    role: device.role,
    panel: device.panel,
    publicKey: device.publicKey,
    issuedAt,
  };
}

/**
 * Signs a device's attestation and keeps it, so that the pull feed serves the one signed at
 * enrolment: a key swapped in the database later no longer matches it (docs/integrity.md). The
 * one kept first wins; what is kept is returned.
 */
export async function attestAndKeep(deps: Pick<Deps, 'storage' | 'serverKey'>, device: Device, issuedAt: string): Promise<Attestation> {
  const attested = attestedOf(device, issuedAt);
  const attestation: Attestation = { ...attested, signature: await deps.serverKey.sign(ATTESTATION_DOMAIN, attested) };
  await deps.storage.keepAttestation(device.id, JSON.stringify(attestation));
  const kept = (await deps.storage.deviceAttestations(device.kecamatan, [device.id])).get(device.id);
  return (typeof kept === 'string' ? parseAttestation(kept) : null) ?? attestation;
}

/**
 * The kept attestations of the devices that wrote a page of the feed. Only the one signed at
 * enrolment is served: the server never attests a device's key again later, because a key swapped
 * in the database would then be attested too. A device enrolled before they were kept, or whose
 * kept one was removed or no longer parses, is served none, and devices refuse its changes until
 * an administrator attests it on purpose (`rekap server attest-devices`, docs/deployment.md).
 */
export async function attestationsOf(deps: Deps, kecamatan: string, ids: readonly string[]): Promise<Record<string, Attestation>> {
  const kept = await deps.storage.deviceAttestations(kecamatan, ids);
  const out: Record<string, Attestation> = {};
  for (const [id, text] of kept) {
    const attestation = text === null ? null : parseAttestation(text);
    if (attestation) out[id] = attestation;
  }
  return out;
}

function parseAttestation(text: string): Attestation | null {
  try {
    const parsed = AttestationSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
