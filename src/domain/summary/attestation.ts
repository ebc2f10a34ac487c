import { z } from 'zod';
import { canonicalJson } from '../canonical/json.ts';
import { KecamatanCodeSchema } from '../codes/codes.ts';
import { PublicKeyJwkSchema, SignatureSchema, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';

/**
 * The server's statement about a device (its key, role and kecamatan), as handed out at enrolment
 * (src/api/protocol.ts AttestationSchema). The domain may not import src/api, so the shape is
 * defined here as well; tests/domain/summary/attestation.test.ts keeps the two from drifting apart.
 */
export const ATTESTATION_DOMAIN = 'rekap.attestation/v1';

/** Who may hold a device key (the same four roles as src/api/roles.ts). */
export const SIGNER_ROLES = ['chair', 'clerk', 'witness', 'panwas'] as const;
export const SignerRoleSchema = z.enum(SIGNER_ROLES);
export type SignerRole = z.infer<typeof SignerRoleSchema>;

export const IsoTimeSchema = z.iso.datetime({ offset: true });

export const DeviceAttestationSchema = z.object({
  deviceId: z.string().min(1),
  deviceName: z.string(),
  kecamatan: KecamatanCodeSchema,
  role: SignerRoleSchema,
  panel: z.string().nullable(),
  publicKey: PublicKeyJwkSchema,
  issuedAt: IsoTimeSchema,
  /** signText(serverKey, ATTESTATION_DOMAIN, canonicalJson(everything above)). */
  signature: SignatureSchema,
});
export type DeviceAttestation = z.infer<typeof DeviceAttestationSchema>;

/**
 * What a summary carries: the statement and the key of the server that signed it, so that anyone
 * can check the statement; whether that server is the right one is for the verifier to say (trust).
 */
export const SummaryAttestationSchema = z.object({
  serverKey: PublicKeyJwkSchema,
  statement: DeviceAttestationSchema,
});
export type SummaryAttestation = z.infer<typeof SummaryAttestationSchema>;

export function attestationMessage(statement: DeviceAttestation): string {
  const { signature: _signature, ...signed } = statement;
  return canonicalJson(signed);
}

/** Whether `serverKey` signed the statement. A malformed key is a false, not an exception. */
export async function verifyAttestation(statement: DeviceAttestation, serverKey: PublicKeyJwk): Promise<boolean> {
  try {
    return await verifyText(serverKey, ATTESTATION_DOMAIN, attestationMessage(statement), statement.signature);
  } catch {
    return false;
  }
}

/** Two JWKs name the same key when their defining members agree. */
export function sameKey(a: PublicKeyJwk, b: PublicKeyJwk): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
}
