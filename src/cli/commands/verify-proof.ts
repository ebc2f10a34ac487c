import { cellLabel, fmt } from '../../domain/checks/labels.ts';
import { text, type Language } from '../../domain/common/text.ts';
import { CONTEST_LABELS } from '../../domain/labels/contests.ts';
import { figurePaths, getFigure } from '../../domain/tally/fields.ts';
import type { Tally } from '../../domain/tally/tally.ts';
import { parsePaperHash, proofFailureText, proofReadFailureText, readProofValue, verifyProof, type ProofReport } from '../../domain/summary/proofVerify.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { readJsonFile, writeJson, type CommandContext } from '../io.ts';
import { loadTrust } from './verify.ts';

export const PROOF_VERIFICATION_FORMAT = 'rekap.proof-verification/v1';

function renderReport(report: ProofReport, file: string, lang: Language): string {
  const id = lang === 'id';
  const { proof } = report;
  const head = proof.summary;
  const lines: string[] = [];
  const where = `TPS ${proof.tps}, ${head.kecamatan.name} (${head.kecamatan.code})`;
  if (report.valid) {
    lines.push(
      id
        ? `TERMASUK: ${file} — ${where}: angka di bawah ini ada dalam ringkasan bertanda tangan yang hash-nya tercetak di kertas.`
        : `INCLUDED: ${file} — ${where}: the figures below are in the signed summary whose hash the paper shows.`,
    );
  } else {
    lines.push(id ? `TIDAK TERBUKTI: ${file} — ${where}:` : `NOT PROVEN: ${file} — ${where}:`);
    report.failures.forEach((f, i) => lines.push(`  ${i + 1}. ${proofFailureText(f)[lang]}`));
  }
  lines.push(
    id
      ? `Penanda tangan: ${head.signer.name} (${head.signer.role}), sidik jari kunci ${report.fingerprint}; tanda tangan ${report.signatureValid ? 'cocok' : 'TIDAK cocok'}.`
      : `Signer: ${head.signer.name} (${head.signer.role}), key fingerprint ${report.fingerprint}; signature ${report.signatureValid ? 'matches' : 'does NOT match'}.`,
  );
  const a = report.attestation;
  if (a.status === 'absent') lines.push(id ? 'Pengesahan server: tidak ada.' : 'Server attestation: none.');
  else {
    const trust = a.trusted === null ? (id ? 'server tidak diperiksa (--trust)' : 'server not checked (--trust)') : a.trusted ? (id ? 'server tepercaya' : 'trusted server') : id ? 'BUKAN server tepercaya' : 'NOT the trusted server';
    lines.push(id ? `Pengesahan server ${a.serverFingerprint}: ${a.signatureValid ? 'sah' : 'TIDAK sah'}, ${trust}.` : `Server attestation ${a.serverFingerprint}: ${a.signatureValid ? 'valid' : 'INVALID'}, ${trust}.`);
  }
  lines.push(`SHA-256: ${report.hashGroups.slice(0, 8).join(' ')}`);
  lines.push(`         ${report.hashGroups.slice(8).join(' ')}`);
  // The figures themselves, for the witness to hold against their copy of the C.Hasil.
  for (const e of report.entries) {
    const mark = e.included ? (id ? 'termasuk' : 'included') : id ? 'TIDAK termasuk' : 'NOT included';
    lines.push(`${CONTEST_LABELS[e.contest][lang]} (${e.contest}), TPS ${e.tps}: ${mark}`);
    const figures = e.entry.figures as unknown as Tally;
    for (const path of figurePaths(figures)) lines.push(`  ${cellLabel(e.contest, path, lang)} (${path}): ${fmt(getFigure(figures, path) ?? null, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `rekap verify-proof <proof.json> --root "<16 groups from the paper>" [--trust <server-key.jwk>] [--json]`:
 * exit 0 when the proof's figures are in the signed summary the paper shows, 1 naming the TPS and
 * contest (or the paper's groups, or the signature) when not, 2 on unreadable input.
 */
export async function verifyProofCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('verify-proof', args, { root: { type: 'string' }, trust: { type: 'string' }, json: { type: 'boolean' } }, 1);
  const file = parsed.positionals[0];
  if (file === undefined) throw new CliError(text('"rekap verify-proof" memerlukan <bukti.json>.', '"rekap verify-proof" needs <proof.json>.'));
  const typed = stringOption(parsed, 'root');
  const paperHash = typed === undefined ? null : parsePaperHash(typed);
  if (paperHash === null) {
    throw new CliError(
      text(
        '"rekap verify-proof" memerlukan --root "<16 kelompok 4 karakter 0–9/A–F dari kertas D.Hasil>".',
        '"rekap verify-proof" needs --root "<the 16 groups of 4 characters 0–9/A–F from the paper D.Hasil>".',
      ),
    );
  }
  const trustFile = stringOption(parsed, 'trust');
  const value = await readJsonFile(file);
  const trust = trustFile === undefined ? undefined : await loadTrust(trustFile, io, lang);
  const read = readProofValue(value);
  if (!read.ok) {
    const reason = proofReadFailureText(read.error);
    throw new CliError(text(`${file}: ${reason.id}`, `${file}: ${reason.en}`));
  }
  const report = await verifyProof(read.value, paperHash, trust ? { trust } : {});
  if (parsed.values.json === true) {
    writeJson(io, {
      format: PROOF_VERIFICATION_FORMAT,
      valid: report.valid,
      tps: report.proof.tps,
      hash: report.hash,
      hashGroups: report.hashGroups,
      signatureValid: report.signatureValid,
      signer: { name: report.proof.summary.signer.name, role: report.proof.summary.signer.role, fingerprint: report.fingerprint },
      attestation: report.attestation,
      entries: report.entries.map((e) => ({ contest: e.contest, tps: e.tps, included: e.included, figures: e.entry.figures })),
      failures: report.failures.map((f) => ({ ...f, message: proofFailureText(f)[lang] })),
    });
  } else io.out(renderReport(report, file, lang));
  return report.valid ? EXIT.ok : EXIT.findings;
}
