import { formatNumber, text, type Language } from '../../domain/common/text.ts';
import { PublicKeyJwkSchema, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
// The modules themselves, not the summary barrel: verifying needs neither building nor signing.
import { failureText } from '../../domain/summary/failures.ts';
import { readFailureText } from '../../domain/summary/read.ts';
import { verifySummary, type SummaryReport } from '../../domain/summary/verify.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { readJsonFile, readJsonFileWithText, writeJson, type CliIo, type CommandContext } from '../io.ts';
import { loadSetup, schemaError } from '../load.ts';

export const VERIFICATION_FORMAT = 'rekap.verification/v1';

const wib = (iso: string, lang: Language) =>
  `${new Date(iso).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' })} WIB`;

export async function loadTrust(file: string, io: CliIo, lang: Language): Promise<PublicKeyJwk> {
  const value = await readJsonFile(file);
  const parsed = PublicKeyJwkSchema.safeParse(value);
  if (!parsed.success) throw schemaError(file, text('kunci publik P-256 (JWK)', 'P-256 public key (JWK)'), parsed.error);
  if (value !== null && typeof value === 'object' && 'd' in value) {
    io.err(
      lang === 'id'
        ? `Peringatan: ${file} memuat kunci privat; hanya bagian publiknya dipakai. Kunci server tepercaya cukup bagian publiknya.\n`
        : `Warning: ${file} holds a private key; only its public part is used. A trusted server key needs only its public part.\n`,
    );
  }
  return parsed.data;
}

/** The contract of `--json`: the report with every message in the chosen language. */
function reportJson(report: SummaryReport, lang: Language) {
  const { summary } = report;
  return {
    format: VERIFICATION_FORMAT,
    valid: report.valid,
    hash: report.hash,
    hashGroups: report.hashGroups,
    signatureValid: report.signatureValid,
    signer: { name: summary.signer.name, role: summary.signer.role, fingerprint: report.fingerprint },
    kecamatan: summary.kecamatan,
    contests: summary.contests.map((c) => c.contest),
    createdAt: summary.createdAt,
    attestation: report.attestation,
    setup: report.setup,
    failures: report.failures.map((f) => ({ ...f, message: failureText(f)[lang] })),
    findings: report.findings.map((f) => ({
      tps: f.tps,
      contest: f.contest,
      code: f.code,
      severity: f.severity,
      accepted: f.accepted,
      message: f.message[lang],
      fields: f.fields,
    })),
  };
}

function renderReport(report: SummaryReport, file: string, lang: Language): string {
  const id = lang === 'id';
  const { summary } = report;
  const lines: string[] = [];
  const where = `${summary.kecamatan.name} (${summary.kecamatan.code}), ${summary.contests.map((c) => c.contest).join(', ')}`;
  if (report.valid) lines.push(id ? `SAH: ${file} — ${where}.` : `VALID: ${file} — ${where}.`);
  else {
    const n = report.failures.length;
    lines.push(id ? `TIDAK SAH: ${file} — ${where}: ${formatNumber(n, lang)} masalah.` : `INVALID: ${file} — ${where}: ${formatNumber(n, lang)} problem${n === 1 ? '' : 's'}.`);
    report.failures.forEach((f, i) => lines.push(`  ${i + 1}. ${failureText(f)[lang]}`));
  }
  const signer = summary.signer;
  lines.push(
    id
      ? `Penanda tangan: ${signer.name} (${signer.role}), sidik jari kunci ${report.fingerprint}; tanda tangan ${report.signatureValid ? 'cocok' : 'TIDAK cocok'}.`
      : `Signer: ${signer.name} (${signer.role}), key fingerprint ${report.fingerprint}; signature ${report.signatureValid ? 'matches' : 'does NOT match'}.`,
  );
  const a = report.attestation;
  if (a.status === 'absent') lines.push(id ? 'Pengesahan server: tidak ada.' : 'Server attestation: none.');
  else {
    const trust =
      a.trusted === null
        ? id
          ? 'server tidak diperiksa (beri --trust <kunci-server.jwk>)'
          : 'server not checked (pass --trust <server-key.jwk>)'
        : a.trusted
          ? id
            ? 'server tepercaya'
            : 'trusted server'
          : id
            ? 'BUKAN server tepercaya'
            : 'NOT the trusted server';
    lines.push(
      id
        ? `Pengesahan server ${a.serverFingerprint}: ${a.signatureValid ? 'sah' : 'TIDAK sah'}, ${trust}; perangkat "${a.device.deviceName}" (${a.device.role}, kecamatan ${a.device.kecamatan}).`
        : `Server attestation ${a.serverFingerprint}: ${a.signatureValid ? 'valid' : 'INVALID'}, ${trust}; device "${a.device.deviceName}" (${a.device.role}, kecamatan ${a.device.kecamatan}).`,
    );
  }
  const setupLine = {
    'not-supplied': id ? 'Setup: tidak diperiksa (beri --setup <setup.json>).' : 'Setup: not checked (pass --setup <setup.json>).',
    matched: id ? 'Setup: sama dengan yang dipakai ringkasan.' : 'Setup: the one the summary was made with.',
    mismatched: id ? 'Setup: BERBEDA dari yang dipakai ringkasan.' : 'Setup: DIFFERENT from the one the summary was made with.',
  }[report.setup];
  lines.push(setupLine);
  lines.push(`${id ? 'Dibuat' : 'Created'}: ${wib(summary.createdAt, lang)}.`);
  lines.push(`SHA-256: ${report.hashGroups.slice(0, 8).join(' ')}`);
  lines.push(`         ${report.hashGroups.slice(8).join(' ')}`);

  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const accepted = report.findings.filter((f) => f.accepted).length;
  lines.push(
    id
      ? `Pemeriksaan angka TPS (informasi, tidak membatalkan): ${formatNumber(errors, lang)} kesalahan, ${formatNumber(warnings, lang)} peringatan (${formatNumber(accepted, lang)} diterima dengan alasan).`
      : `Checks on the TPS figures (informative, not invalidating): ${formatNumber(errors, lang)} errors, ${formatNumber(warnings, lang)} warnings (${formatNumber(accepted, lang)} accepted with a reason).`,
  );
  for (const f of report.findings) {
    const mark = f.accepted ? (id ? ' [diterima]' : ' [accepted]') : '';
    lines.push(`  ${f.tps} ${f.contest} ${f.code}${mark}: ${f.message[lang]}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `rekap verify <summary.json> [--trust <server-key.jwk>] [--setup <setup.json>] [--json]`:
 * exit 0 valid, 1 invalid (each failure named), 2 unreadable input.
 */
export async function verifyCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('verify', args, { trust: { type: 'string' }, setup: { type: 'string' }, json: { type: 'boolean' } }, 1);
  const file = parsed.positionals[0];
  if (file === undefined) throw new CliError(text('"rekap verify" memerlukan <ringkasan.json>.', '"rekap verify" needs <summary.json>.'));
  const trustFile = stringOption(parsed, 'trust');
  const setupFile = stringOption(parsed, 'setup');

  const { value, text: source } = await readJsonFileWithText(file);
  const trust = trustFile === undefined ? undefined : await loadTrust(trustFile, io, lang);
  const setup = setupFile === undefined ? undefined : await loadSetup(setupFile);

  const result = await verifySummary(value, { ...(trust ? { trust } : {}), ...(setup ? { setup } : {}) }, source);
  if (!result.ok) {
    const reason = readFailureText(result.error);
    throw new CliError(text(`${file}: ${reason.id}`, `${file}: ${reason.en}`));
  }
  if (parsed.values.json === true) writeJson(io, reportJson(result.value, lang));
  else io.out(renderReport(result.value, file, lang));
  return result.value.valid ? EXIT.ok : EXIT.findings;
}
