import { text } from '../../domain/common/text.ts';
import { verifyStoredChains, type StoredChainReport } from '../../server/audit/verifyStored.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeJson, type CommandContext } from '../io.ts';
import { renderTable } from '../table.ts';
import { STORAGE_OPTIONS, withStorage } from './server-storage.ts';

/**
 * `rekap server verify-audit [--kecamatan <k>] [--json]`: every device's audit chain as the server
 * stores it, verified again from its first entry with the key the device enrolled with. Exit 0
 * when every chain verifies, 1 when one does not (the row says which entry and why).
 */
export async function serverVerifyAudit({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server verify-audit', args, { kecamatan: { type: 'string' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 0);
  const reports = await withStorage(parsed, async (storage) => {
    const given = stringOption(parsed, 'kecamatan');
    const all: string[] = (await storage.listKecamatan()).map((k) => k.code);
    if (given && !all.includes(given)) {
      throw new CliError(text(`Kecamatan ${given} tidak ada di server ini (ada: ${all.join(', ') || '—'}).`, `Kecamatan ${given} is not on this server (known: ${all.join(', ') || '—'}).`));
    }
    const out: { kecamatan: string; chains: StoredChainReport[] }[] = [];
    for (const kecamatan of given ? [given] : all) out.push({ kecamatan, chains: await verifyStoredChains(storage, kecamatan) });
    return out;
  });
  const broken = reports.flatMap((r) => r.chains).filter((c) => c.failure !== null).length;

  if (parsed.values.json === true) {
    writeJson(io, { valid: broken === 0, kecamatan: reports });
  } else {
    const head =
      lang === 'id' ? ['Kecamatan', 'Perangkat', 'Peran', 'Sidik kunci', 'Entri', 'Kepala', 'Hasil'] : ['Kecamatan', 'Devices', 'Role', 'Key fingerprint', 'Entries', 'Head', 'Result'];
    const rows = reports.flatMap(({ kecamatan, chains }) =>
      chains.map((c) => [
        kecamatan,
        c.devices.map((d) => `${d.id} (${d.name})`).join(', ') || '—',
        [...new Set(c.devices.map((d) => d.role))].join(', ') || '—',
        c.fingerprint ?? '—',
        String(c.entries),
        c.head ? `#${c.head.seq} ${c.head.hash.slice(0, 16)}…` : '—',
        c.failure ? c.failure[lang] : lang === 'id' ? 'sah' : 'valid',
      ]),
    );
    if (rows.length === 0) io.out(lang === 'id' ? 'Belum ada perangkat atau rantai audit.\n' : 'No devices or audit chains yet.\n');
    else io.out(renderTable(head.map((header) => ({ header, align: 'left' as const })), rows));
    io.out(
      broken === 0
        ? lang === 'id'
          ? 'Semua rantai audit sah.\n'
          : 'Every audit chain verifies.\n'
        : lang === 'id'
          ? `${broken} rantai audit TIDAK sah: riwayat di server ini tidak lagi sama dengan yang dikirim perangkat.\n`
          : `${broken} audit chain(s) do NOT verify: the history on this server is no longer what the devices sent.\n`,
    );
  }
  return broken === 0 ? EXIT.ok : EXIT.findings;
}
