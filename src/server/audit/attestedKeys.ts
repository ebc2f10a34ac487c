import { ATTESTATION_DOMAIN, AttestationSchema } from '../../api/index.ts';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { verifyText, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { Device, Storage } from '../storage/types.ts';

/**
 * The key each device of a kecamatan signs with, as the server attested it at enrolment (the
 * attestation kept then, checked with the server's public key): a key swapped in the `devices` table
 * afterwards is reported by name and not used. Without the server key (none yet) the table's key is
 * used as is. A device with applied ops but no kept attestation is reported: devices refuse its
 * changes (src/server/auth/attestation.ts).
 */
export async function attestedKeys(storage: Storage, kecamatan: string, devices: ReadonlyMap<string, Device>, serverKey: PublicKeyJwk | null, writers: ReadonlySet<string>): Promise<{ keys: Map<string, PublicKeyJwk>; failures: LocalizedText[] }> {
  const keys = new Map<string, PublicKeyJwk>();
  const failures: LocalizedText[] = [];
  const kept = serverKey ? await storage.deviceAttestations(kecamatan, [...devices.keys()]) : new Map<string, string | null>();
  for (const device of devices.values()) {
    if (!serverKey) {
      keys.set(device.id, device.publicKey);
      continue;
    }
    const who = `${device.id} (${device.name})`;
    const stored = kept.get(device.id) ?? null;
    if (stored === null) {
      if (writers.has(device.id)) {
        failures.push(text(`Perangkat ${who}: tidak ada pengesahan kuncinya dari saat pendaftaran (kolom devices.attestation kosong).`, `Device ${who}: no attestation of its key from enrolment is kept (column devices.attestation is empty).`));
      }
      keys.set(device.id, device.publicKey);
      continue;
    }
    const parsed = parseJson(stored);
    const attestation = AttestationSchema.safeParse(parsed);
    if (!attestation.success) {
      failures.push(text(`Perangkat ${who}: pengesahan kuncinya tidak terbaca (kolom devices.attestation diubah).`, `Device ${who}: its key attestation is unreadable (column devices.attestation was changed).`));
      continue;
    }
    const { signature, ...attested } = attestation.data;
    const genuine = attested.deviceId === device.id && attested.kecamatan === kecamatan && (await verifyText(serverKey, ATTESTATION_DOMAIN, canonicalJson(attested), signature).catch(() => false));
    if (!genuine) {
      failures.push(text(`Perangkat ${who}: pengesahan kuncinya tidak ditandatangani server ini (kolom devices.attestation diubah).`, `Device ${who}: its key attestation is not signed by this server (column devices.attestation was changed).`));
      continue;
    }
    if (canonicalJson(attested.publicKey) !== canonicalJson(device.publicKey)) {
      failures.push(text(`Perangkat ${who}: kuncinya di basis data bukan kunci yang disahkan saat pendaftaran (kolom devices.public_key ditukar).`, `Device ${who}: its key in the database is not the key attested at enrolment (column devices.public_key was swapped).`));
    }
    keys.set(device.id, attested.publicKey);
  }
  return { keys, failures };
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
