import { attestAndKeep } from '../../server/auth/attestation.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { EXIT, type ExitCode } from '../errors.ts';
import { writeJson, type CommandContext } from '../io.ts';
import { serverKeyFor, STORAGE_OPTIONS, withStorage } from './server-storage.ts';

/**
 * `rekap server attest-devices [--kecamatan <k>] [--json]`: signs and keeps the attestation of every
 * device that has none — devices enrolled before the server kept them. The server never does this by
 * itself, because it would attest a key swapped in its database just as readily (docs/integrity.md,
 * "Records every device checks"); an administrator runs it once, on purpose, after upgrading, having
 * checked the device list (`rekap server devices`, fingerprints against the laptops).
 */
export async function serverAttestDevices({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server attest-devices', args, { kecamatan: { type: 'string' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 0);
  const attested = await withStorage(parsed, async (storage) => {
    const serverKey = await serverKeyFor(storage, parsed);
    const devices = await storage.listDevices(stringOption(parsed, 'kecamatan') ?? null);
    const out: { deviceId: string; name: string; kecamatan: string }[] = [];
    for (const device of devices) {
      const kept = (await storage.deviceAttestations(device.kecamatan, [device.id])).get(device.id);
      if (kept !== null || device.revokedAt !== null) continue;
      await attestAndKeep({ storage, serverKey }, device, device.enrolledAt);
      out.push({ deviceId: device.id, name: device.name, kecamatan: device.kecamatan });
    }
    return out;
  });
  if (parsed.values.json === true) {
    writeJson(io, { attested });
    return EXIT.ok;
  }
  if (attested.length === 0) {
    io.out(lang === 'id' ? 'Setiap perangkat aktif sudah punya pengesahan kunci; tidak ada yang diubah.\n' : 'Every active device already has a key attestation; nothing changed.\n');
    return EXIT.ok;
  }
  for (const d of attested) io.out(lang === 'id' ? `Disahkan: ${d.deviceId} (${d.name}), kecamatan ${d.kecamatan}.\n` : `Attested: ${d.deviceId} (${d.name}), kecamatan ${d.kecamatan}.\n`);
  return EXIT.ok;
}

