import { text, type Language } from '../../domain/common/text.ts';
import { compareWithReceipt } from '../../sync/auditReceipt.ts';
import type { SyncStore } from '../../sync/store.ts';
import type { Transport } from '../../sync/transport.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeFileAtomic, writeJson, type CommandContext } from '../io.ts';

/**
 * `rekap sync --state <dir> audit-receipt -o <receipt.json>` (issue 14, "anchored chains"): asks
 * the server for its latest signed checkpoint of the kecamatan's audit log (GET /api/audit/head),
 * checks it with the server key pinned at enrolment and against the receipt this state folder
 * already keeps (a log that went back, or a checkpoint not signed by that key, is an alarm: exit 1),
 * keeps it, and writes it to a file: what a witness or clerk hands to whoever runs
 * `rekap server verify-audit --receipts <folder>`.
 */
export async function auditReceiptCommand({ io, lang }: CommandContext, store: SyncStore, transport: Transport, output: string, json: boolean): Promise<ExitCode> {
  const alarm = await compareWithReceipt(store, transport, await transport.auditHead(), undefined, new Date().toISOString());
  const { receipt, stored } = await store.transaction(async (tx) => ({ receipt: await tx.getMeta('auditReceipt'), stored: await tx.getMeta('auditAlarm') }));
  if (!receipt) throw new CliError(text('Server belum menandatangani titik periksa audit apa pun untuk kecamatan ini.', 'The server has not signed any audit checkpoint for this kecamatan yet.'), EXIT.findings);
  await writeFileAtomic(output, `${JSON.stringify(receipt, null, 2)}\n`);
  // A new alarm, or one raised earlier and not yet acknowledged: either way it is reported.
  const problem = stored?.message ?? (alarm ? text('Alarm audit.', 'Audit alarm.') : null);
  if (json) writeJson(io, { receipt: { n: receipt.n, hash: receipt.hash, size: receipt.size, at: receipt.at }, output, alarm: problem?.[lang] ?? null });
  else {
    io.out(say(lang, receipt.n, receipt.size, output));
    if (problem) io.err(`ALARM: ${problem[lang]}\n`);
  }
  return problem ? EXIT.findings : EXIT.ok;
}

const say = (lang: Language, n: number, size: number, output: string): string =>
  lang === 'id'
    ? `Tanda terima audit: titik periksa #${n} (${size} entri di log kecamatan) ditulis ke ${output}.\n`
    : `Audit receipt: checkpoint #${n} (${size} entries in the kecamatan's log) written to ${output}.\n`;
