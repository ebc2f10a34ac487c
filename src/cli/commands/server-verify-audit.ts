import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from '../../domain/common/text.ts';
import type { PublicKeyJwk } from '../../domain/crypto/keys.ts';
import { verifyAnchors, type AnchorReport, type ReceiptFile } from '../../server/audit/verifyAnchors.ts';
import { verifyStoredChains, type StoredChainReport } from '../../server/audit/verifyStored.ts';
import type { Storage } from '../../server/storage/types.ts';
import { verifyStoredOps, type StoredOpsReport } from '../../server/audit/verifyOps.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeJson, type CommandContext } from '../io.ts';
import { renderTable } from '../table.ts';
import { STORAGE_OPTIONS, withStorage } from './server-storage.ts';

/**
 * `rekap server verify-audit [--kecamatan <k>] [--receipts <dir>] [--json]`: every device's audit
 * chain as the server stores it, verified again from its first entry with the key the device
 * enrolled with; the chains against the server's signed checkpoints and against the receipts the
 * devices kept (`--receipts`: a folder of receipt files, rekap.checkpoint/v1 JSON, one per device:
 * truncation, deleted chains, swapped keys and edited columns by name); and every stored record
 * against the signed push manifest of the op that wrote it. Exit 0 when everything verifies, 1 when
 * something does not (the row or line says which entry or record and why).
 */
export async function serverVerifyAudit({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server verify-audit', args, { kecamatan: { type: 'string' }, receipts: { type: 'string' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 0);
  const receiptDir = stringOption(parsed, 'receipts');
  const receipts = receiptDir ? await readReceipts(receiptDir) : [];
  const reports = await withStorage(parsed, async (storage) => {
    const serverKey = await serverPublicKey(storage);
    const given = stringOption(parsed, 'kecamatan');
    const all: string[] = (await storage.listKecamatan()).map((k) => k.code);
    if (given && !all.includes(given)) {
      throw new CliError(text(`Kecamatan ${given} tidak ada di server ini (ada: ${all.join(', ') || '—'}).`, `Kecamatan ${given} is not on this server (known: ${all.join(', ') || '—'}).`));
    }
    const out: { kecamatan: string; chains: StoredChainReport[]; anchors: AnchorReport | null; records: StoredOpsReport }[] = [];
    for (const kecamatan of given ? [given] : all) {
      out.push({
        kecamatan,
        chains: await verifyStoredChains(storage, kecamatan),
        anchors: serverKey ? await verifyAnchors(storage, kecamatan, serverKey, receipts) : null,
        records: await verifyStoredOps(storage, kecamatan, serverKey),
      });
    }
    return out;
  });
  const broken = reports.flatMap((r) => r.chains).filter((c) => c.failure !== null).length;
  const forged = reports.reduce((n, r) => n + r.records.failures.length, 0);
  const unanchored = reports.reduce((n, r) => n + (r.anchors?.failures.length ?? 0), 0);

  if (parsed.values.json === true) {
    writeJson(io, { valid: broken === 0 && forged === 0 && unanchored === 0, kecamatan: reports });
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
    for (const { kecamatan, records: r } of reports) {
      io.out(
        lang === 'id'
          ? `${kecamatan}: ${r.records} data dan ${r.changes} perubahan diperiksa; ${r.provenOps} operasi terbukti oleh ${r.batches} manifes bertanda tangan; ${r.unprovenOps} operasi tanpa manifes (ditandatangani satu per satu atau tersimpan sebelum server menyimpan tanda tangan).\n`
          : `${kecamatan}: ${r.records} records and ${r.changes} changes checked; ${r.provenOps} ops proven by ${r.batches} signed manifests; ${r.unprovenOps} ops without a manifest (signed one by one, or stored before the server kept signatures).\n`,
      );
      for (const failure of r.failures) io.out(`  ${failure[lang]}\n`);
    }
    for (const { kecamatan, anchors } of reports) {
      if (!anchors) {
        io.out(lang === 'id' ? `${kecamatan}: server belum punya kunci, tidak ada titik periksa untuk diperiksa.\n` : `${kecamatan}: the server has no key yet, so no checkpoints to check.\n`);
        continue;
      }
      io.out(
        lang === 'id'
          ? `${kecamatan}: ${anchors.checkpoints} titik periksa audit diperiksa, ${anchors.receipts} tanda terima perangkat; ${anchors.unanchored} rantai tanpa titik periksa (tersimpan sebelum server menandatanganinya).\n`
          : `${kecamatan}: ${anchors.checkpoints} audit checkpoints checked, ${anchors.receipts} device receipts; ${anchors.unanchored} chains without a checkpoint (stored before the server signed them).\n`,
      );
      for (const failure of anchors.failures) io.out(`  ${failure[lang]}\n`);
    }
    if (unanchored > 0) {
      io.out(
        lang === 'id'
          ? `${unanchored} temuan: rantai audit di server ini TIDAK sesuai dengan titik periksa atau tanda terima yang ditandatangani server (dipotong, dihapus, kunci ditukar, atau kolom diubah).\n`
          : `${unanchored} finding(s): the audit chains on this server do NOT match the checkpoints or receipts the server signed (truncated, deleted, key swapped, or columns edited).\n`,
      );
    }
    if (forged > 0) {
      io.out(
        lang === 'id'
          ? `${forged} data atau operasi TIDAK sesuai dengan yang ditandatangani perangkat: angka di server ini diubah setelah diterima.\n`
          : `${forged} record(s) or op(s) do NOT match what the devices signed: figures on this server were changed after they were received.\n`,
      );
    }
    io.out(
      broken === 0
        ? unanchored > 0
          ? lang === 'id'
            ? 'Setiap rantai yang tersimpan sah dengan kuncinya sendiri, tetapi tidak sesuai dengan titik periksa atau tanda terima di atas.\n'
            : 'Each stored chain verifies with its own key, but not against the checkpoints or receipts above.\n'
          : lang === 'id'
            ? 'Semua rantai audit sah.\n'
            : 'Every audit chain verifies.\n'
        : lang === 'id'
          ? `${broken} rantai audit TIDAK sah: riwayat di server ini tidak lagi sama dengan yang dikirim perangkat.\n`
          : `${broken} audit chain(s) do NOT verify: the history on this server is no longer what the devices sent.\n`,
    );
  }
  return broken === 0 && forged === 0 && unanchored === 0 ? EXIT.ok : EXIT.findings;
}

/** The server's public key as stored (checkpoints are checked with it; its secret is not needed). */
async function serverPublicKey(storage: Storage): Promise<PublicKeyJwk | null> {
  try {
    return (await storage.serverKey(() => Promise.reject(new Error('no server key')))).publicJwk;
  } catch {
    return null;
  }
}

/** Every *.json file of the folder, each a receipt a device kept (src/domain/audit/checkpoint.ts). */
async function readReceipts(dir: string): Promise<ReceiptFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new CliError(text(`Folder tanda terima ${dir} tidak dapat dibaca.`, `Cannot read the receipts folder ${dir}.`));
  }
  const out: ReceiptFile[] = [];
  for (const name of names) {
    let content: unknown;
    try {
      content = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch {
      content = null;
    }
    out.push({ name, content });
  }
  return out;
}
