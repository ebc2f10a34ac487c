import { RoleSchema, ROLES } from '../../api/roles.ts';
import { text } from '../../domain/common/text.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { initKecamatan, issueCode } from '../../server/admin.ts';
import type { Device, Storage } from '../../server/storage/types.ts';
import { parseCommandArgs, stringOption, type Parsed } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeJson, type CommandContext } from '../io.ts';
import { loadSetup } from '../load.ts';
import { renderTable } from '../table.ts';
import { STORAGE_OPTIONS, withStorage } from './server-storage.ts';

const wib = (iso: string) => new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' }) + ' WIB';

/** `rekap server init --setup <f> [--json]`: creates the kecamatan and prints the chair's one-time code. */
export async function serverInit({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server init', args, { setup: { type: 'string' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 0);
  const file = stringOption(parsed, 'setup');
  if (!file) throw new CliError(text('"rekap server init" memerlukan --setup <berkas>.', '"rekap server init" needs --setup <file>.'));
  const setup = await loadSetup(file);
  const result = await withStorage(parsed, (storage) => initKecamatan({ storage, now: () => new Date() }, setup));
  if (!result.ok) throw new CliError(result.error);
  const { kecamatan, chairCode } = result.value;
  if (parsed.values.json === true) {
    writeJson(io, { kecamatan, chairCode: chairCode.code });
    return EXIT.ok;
  }
  const name = setup.kecamatan.name;
  io.out(
    lang === 'id'
      ? `Kecamatan ${kecamatan} (${name}) dibuat.\nKode pendaftaran ketua PPK (sekali pakai, berlaku sampai ${wib(chairCode.expiresAt)}):\n\n  ${chairCode.code}\n\n`
      : `Kecamatan ${kecamatan} (${name}) created.\nThe PPK chair's enrolment code (one use, valid until ${wib(chairCode.expiresAt)}):\n\n  ${chairCode.code}\n\n`,
  );
  return EXIT.ok;
}

/** `rekap server code --kecamatan <k> --role chair|clerk|witness|panwas [--panel <id>] [--json]`. */
export async function serverCode({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'server code',
    args,
    { kecamatan: { type: 'string' }, role: { type: 'string' }, panel: { type: 'string' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS },
    0,
  );
  const role = RoleSchema.safeParse(stringOption(parsed, 'role'));
  if (!role.success) {
    throw new CliError(
      text(`"rekap server code" memerlukan --role ${ROLES.join('|')}.`, `"rekap server code" needs --role ${ROLES.join('|')}.`),
    );
  }
  const issued = await withStorage(parsed, async (storage) => {
    const kecamatan = await kecamatanOption(parsed, storage);
    return issueCode({ storage, now: () => new Date() }, { kecamatan, role: role.data, panel: stringOption(parsed, 'panel') ?? null, createdBy: 'admin' });
  });
  if (!issued.ok) throw new CliError(issued.error);
  const c = issued.value;
  if (parsed.values.json === true) {
    writeJson(io, c);
    return EXIT.ok;
  }
  const who = c.panel ? `${c.role} (${c.panel})` : c.role;
  io.out(lang === 'id' ? `Kode pendaftaran ${who}, sekali pakai, berlaku sampai ${wib(c.expiresAt)}:\n\n  ${c.code}\n\n` : `Enrolment code for ${who}, one use, valid until ${wib(c.expiresAt)}:\n\n  ${c.code}\n\n`);
  return EXIT.ok;
}

/** --kecamatan, or the only kecamatan on the server when there is just one. */
async function kecamatanOption(parsed: Parsed, storage: Storage): Promise<string> {
  const given = stringOption(parsed, 'kecamatan');
  if (given) return given;
  const all = await storage.listKecamatan();
  if (all.length === 1) return all[0]!.code;
  throw new CliError(
    all.length === 0
      ? text('Belum ada kecamatan di server ini; buat dengan "rekap server init --setup <berkas>".', 'No kecamatan on this server yet; create one with "rekap server init --setup <file>".')
      : text(`Sebutkan --kecamatan (ada: ${all.map((k) => k.code).join(', ')}).`, `Name the --kecamatan (known: ${all.map((k) => k.code).join(', ')}).`),
  );
}

async function deviceJson(d: Device) {
  return { deviceId: d.id, kecamatan: d.kecamatan, name: d.name, role: d.role, panel: d.panel, enrolledAt: d.enrolledAt, revokedAt: d.revokedAt, fingerprint: await fingerprint(d.publicKey) };
}

/** `rekap server devices [--kecamatan <k>] [--json]`: enrolled devices, revoked ones included. */
export async function serverDevices({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server devices', args, { kecamatan: { type: 'string' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 0);
  const devices = await withStorage(parsed, async (storage) => Promise.all((await storage.listDevices(stringOption(parsed, 'kecamatan') ?? null)).map(deviceJson)));
  if (parsed.values.json === true) {
    writeJson(io, devices);
    return EXIT.ok;
  }
  if (devices.length === 0) {
    io.out(lang === 'id' ? 'Belum ada perangkat terdaftar.\n' : 'No devices enrolled yet.\n');
    return EXIT.ok;
  }
  const head = lang === 'id' ? ['Perangkat', 'Kecamatan', 'Peran', 'Panel', 'Nama', 'Terdaftar', 'Dicabut', 'Sidik kunci'] : ['Device', 'Kecamatan', 'Role', 'Panel', 'Name', 'Enrolled', 'Revoked', 'Key fingerprint'];
  const rows = devices.map((d) => [d.deviceId, d.kecamatan, d.role, d.panel ?? '-', d.name, wib(d.enrolledAt), d.revokedAt ? wib(d.revokedAt) : '-', d.fingerprint]);
  io.out(renderTable(head.map((header) => ({ header, align: 'left' as const })), rows));
  return EXIT.ok;
}

/** `rekap server revoke <device> [--json]`: the device's token stops working at once. */
export async function serverRevoke({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server revoke', args, { json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 1);
  const id = parsed.positionals[0];
  if (!id) throw new CliError(text('"rekap server revoke" memerlukan ID perangkat (lihat "rekap server devices").', '"rekap server revoke" needs a device id (see "rekap server devices").'));
  const revoked = await withStorage(parsed, (storage) => storage.revokeDevice(id, new Date().toISOString(), 'admin'));
  if (!revoked) throw new CliError(text(`Perangkat ${id} tidak dikenal (lihat "rekap server devices").`, `Unknown device ${id} (see "rekap server devices").`));
  if (parsed.values.json === true) {
    writeJson(io, await deviceJson(revoked));
    return EXIT.ok;
  }
  io.out(lang === 'id' ? `Perangkat ${id} (${revoked.name}, ${revoked.role}) dicabut sejak ${wib(revoked.revokedAt!)}.\n` : `Device ${id} (${revoked.name}, ${revoked.role}) revoked since ${wib(revoked.revokedAt!)}.\n`);
  return EXIT.ok;
}
