import { expect } from 'vitest';
import type { DesaCode } from '../../src/domain/codes/codes.ts';
import type { Role } from '../../src/domain/workflow/actor.ts';
import type { RekapDb } from '../../src/db/index.ts';
import { MetaSchemas } from '../../src/sync/schemas.ts';

const B64_43 = 'A'.repeat(43);

/** Enrols the device as the sync engine does: the whole enrolment in the sync table's 'enrolment' row. */
export async function enrolAs(db: RekapDb, role: Role, panel: string | null, desa: DesaCode[] | null): Promise<void> {
  const publicKey = { kty: 'EC', crv: 'P-256', x: B64_43, y: B64_43 } as const;
  const value = {
    serverUrl: 'https://rekap.example',
    token: 'token',
    deviceId: 'device-1',
    deviceName: 'Laptop',
    role,
    kecamatan: '350908',
    panel,
    desa,
    serverKey: publicKey,
    attestation: {
      deviceId: 'device-1', deviceName: 'Laptop', kecamatan: '350908', role, panel, publicKey,
      issuedAt: '2024-02-18T01:00:00.000Z', signature: 'A'.repeat(86),
    },
    enrolledAt: '2024-02-18T01:00:00.000Z',
  };
  // Exactly what the engine stores and reads back (src/sync/schemas.ts).
  expect(MetaSchemas.enrolment.safeParse(value).success).toBe(true);
  await db.sync.put({ key: 'enrolment', value });
}

