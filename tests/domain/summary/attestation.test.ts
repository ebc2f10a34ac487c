import { describe, expect, expectTypeOf, it } from 'vitest';
import { ATTESTATION_DOMAIN as API_DOMAIN, AttestationSchema, ROLES } from '../../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair } from '../../../src/domain/crypto/index.ts';
import {
  ATTESTATION_DOMAIN,
  DeviceAttestationSchema,
  SIGNER_ROLES,
  verifyAttestation,
  type DeviceAttestation,
} from '../../../src/domain/summary/index.ts';
import type { Attestation } from '../../../src/api/index.ts';
import { attest } from './helpers.ts';

/**
 * The domain cannot import src/api, so the summary defines the attestation shape itself. These tests
 * fail as soon as the two drift apart (fields, roles, signing domain).
 */
describe('the summary attestation is the enrolment attestation', () => {
  it('has the same signing domain, roles and type', () => {
    expect(ATTESTATION_DOMAIN).toBe(API_DOMAIN);
    expect([...SIGNER_ROLES]).toEqual([...ROLES]);
    // Checked by the type checker (npm run typecheck), not at run time.
    expectTypeOf<DeviceAttestation>().toEqualTypeOf<Attestation>();
  });

  it('accepts and refuses the same values as the API schema, and verifies what a server signs', async () => {
    const server = await generateKeyPair(true);
    const device = await exportPublicJwk((await generateKeyPair()).publicKey);
    const { statement, serverKey } = await attest(server, device);
    expect(AttestationSchema.parse(statement)).toEqual(DeviceAttestationSchema.parse(statement));
    expect(await verifyAttestation(AttestationSchema.parse(statement), serverKey)).toBe(true);
    for (const broken of [{ ...statement, role: 'admin' }, { ...statement, kecamatan: '35090' }, { ...statement, signature: 'x' }]) {
      expect(AttestationSchema.safeParse(broken).success).toBe(false);
      expect(DeviceAttestationSchema.safeParse(broken).success).toBe(false);
    }
    expect(await verifyAttestation({ ...statement, panel: 'panel-2' }, serverKey)).toBe(false);
    expect(await verifyAttestation(statement, device)).toBe(false);
  });
});
