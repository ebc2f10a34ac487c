import { userInfo } from 'node:os';
import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { formatNumber, text } from '../../domain/common/text.ts';
import { PublicKeyJwkSchema } from '../../domain/crypto/keys.ts';
import {
  buildFailureText,
  buildSummary,
  DeviceAttestationSchema,
  HashHexSchema,
  importPrivateJwk,
  PrivateKeyJwkSchema,
  publicPart,
  SIGNER_ROLES,
  signSummaryV2,
  verifySummary,
  type SummaryAttestation,
} from '../../domain/summary/index.ts';
import { CONTEST_IDS, ContestIdSchema, type ContestId } from '../../domain/tally/contest.ts';
import { choiceOption, parseCommandArgs, requireOption, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { readJsonFile, writeFileAtomic, type CommandContext } from '../io.ts';
import { assertSameKecamatan, loadSetup, loadTallies, schemaError } from '../load.ts';
import { loadStateSigner } from './stateSigner.ts';

/** What enrolment hands a device (the server's key and its attestation), saved as a file. */
const AttestationFileSchema = z.object({ serverKey: PublicKeyJwkSchema, attestation: DeviceAttestationSchema });

async function loadPrivateKey(file: string) {
  const parsed = PrivateKeyJwkSchema.safeParse(await readJsonFile(file));
  if (!parsed.success) {
    throw schemaError(file, text('kunci privat P-256 (JWK, dari "rekap keygen")', 'P-256 private key (JWK, from "rekap keygen")'), parsed.error);
  }
  const key = await importPrivateJwk(parsed.data);
  if (!key) {
    throw new CliError(
      text(`Berkas ${file} bukan pasangan kunci P-256 yang utuh (bagian privat dan publik tidak cocok).`, `File ${file} is not a whole P-256 key pair (its private and public parts do not match).`),
    );
  }
  return { key, publicKey: publicPart(parsed.data) };
}

async function loadAttestation(file: string): Promise<SummaryAttestation> {
  const parsed = AttestationFileSchema.safeParse(await readJsonFile(file));
  if (!parsed.success) throw schemaError(file, text('berkas pengesahan { serverKey, attestation }', 'attestation file { serverKey, attestation }'), parsed.error);
  return { serverKey: parsed.data.serverKey, statement: parsed.data.attestation };
}

function contestOption(value: string | undefined): ContestId | undefined {
  if (value === undefined) return undefined;
  const parsed = ContestIdSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CliError(
    text(`Jenis pemilihan "${value}" tidak dikenal; pilih salah satu: ${CONTEST_IDS.join(', ')}.`, `Unknown contest "${value}"; choose one of: ${CONTEST_IDS.join(', ')}.`),
  );
}

/**
 * `rekap sign-summary --tallies <f> --setup <f> --key <key.jwk> [--contest C] [--signer-name <n>]
 * [--role chair] [--attestation <f>] [--audit-head <hex>] -o <summary.json>`, or with
 * `--state <dir>` instead of --key/--attestation/--role: the key, role and attestation of the
 * device a `rekap sync --state <dir>` folder enrolled as (its setup unless --setup is given).
 */
export async function signSummaryCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'sign-summary',
    args,
    {
      tallies: { type: 'string' },
      setup: { type: 'string' },
      key: { type: 'string' },
      state: { type: 'string' },
      contest: { type: 'string' },
      'signer-name': { type: 'string' },
      role: { type: 'string' },
      attestation: { type: 'string' },
      'audit-head': { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
    0,
  );
  const talliesFile = requireOption(parsed, 'sign-summary', 'tallies');
  const stateDir = stringOption(parsed, 'state');
  if (stateDir !== undefined) {
    const clash = (['key', 'attestation', 'role'] as const).filter((o) => parsed.values[o] !== undefined);
    if (clash.length > 0) {
      const given = clash.map((o) => `--${o}`).join(', ');
      throw new CliError(
        text(`--state sudah memberi kunci, peran dan pengesahan perangkat; jangan berikan juga ${given}.`, `--state gives the device's key, role and attestation; do not also give ${given}.`),
      );
    }
  }
  const setupFile = stateDir === undefined ? requireOption(parsed, 'sign-summary', 'setup') : stringOption(parsed, 'setup');
  const keyFile = stateDir === undefined ? requireOption(parsed, 'sign-summary', 'key') : undefined;
  const outFile = requireOption(parsed, 'sign-summary', 'output', '-o');
  const contestArg = contestOption(stringOption(parsed, 'contest'));
  const signerName = stringOption(parsed, 'signer-name') ?? userInfo().username;
  const attestationFile = stringOption(parsed, 'attestation');
  const auditHeadArg = stringOption(parsed, 'audit-head');
  if (auditHeadArg !== undefined && !HashHexSchema.safeParse(auditHeadArg).success) {
    throw new CliError(text('--audit-head harus SHA-256 (64 digit hex huruf kecil).', '--audit-head must be a SHA-256 (64 lowercase hex digits).'));
  }

  const file = await loadTallies(talliesFile);
  const state = stateDir === undefined ? null : await loadStateSigner(stateDir);
  const setup = setupFile !== undefined ? await loadSetup(setupFile) : state?.setup;
  if (!setup) {
    throw new CliError(text(`Folder status ${stateDir} tidak menyimpan setup: berikan --setup <berkas>.`, `State folder ${stateDir} keeps no setup: give --setup <file>.`));
  }
  assertSameKecamatan(setup, file.kecamatan, talliesFile);
  const { key, publicKey } = state ?? (await loadPrivateKey(keyFile!));
  const role = state?.role ?? choiceOption(parsed, 'role', SIGNER_ROLES, 'chair');
  const attestation = state?.attestation ?? (attestationFile === undefined ? null : await loadAttestation(attestationFile));

  const present = new Set<ContestId>(file.tallies.map((t) => t.contest));
  if (present.size === 0) for (const c of setup.contests) present.add(c.id);
  const contests = contestArg !== undefined ? [contestArg] : CONTEST_IDS.filter((c) => present.has(c));

  const built = await buildSummary(setup, file.tallies, contests, { name: signerName, role, publicKey }, {
    createdAt: new Date().toISOString(),
    auditHead: auditHeadArg ?? null,
    attestation,
  });
  if (!built.ok) throw new CliError(buildFailureText(built.error));
  // rekap.summary/v2: every TPS a leaf of the signed tree, so one TPS can be proven alone (rekap prove).
  const summary = await signSummaryV2(built.value, key);

  // Written as its canonical JSON (the same bytes on every device). What is written must verify
  // exactly as a stranger would verify it; anything else is a bug here. The printed hash is the
  // signed head's (docs/integrity.md "Summary v2"), as the verification report computes it.
  const json = canonicalJson(summary);
  const check = await verifySummary(JSON.parse(json) as unknown, { setup });
  if (!check.ok || !check.value.valid) throw new Error('sign-summary: the signed summary does not verify');
  await writeFileAtomic(outFile, json);

  const report = check.value;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    io.err(
      lang === 'id'
        ? `Peringatan: ${formatNumber(errors, lang)} temuan kesalahan pada angka TPS (lihat "rekap check"); ringkasan tetap ditandatangani dan memuatnya.\n`
        : `Warning: ${formatNumber(errors, lang)} error findings in the TPS figures (see "rekap check"); the summary is signed anyway and shows them.\n`,
    );
  }
  const counted = summary.contests.map((c) => `${c.contest} ${formatNumber(c.kecamatan.tpsIncluded, lang)}/${formatNumber(c.kecamatan.tpsIncluded + c.kecamatan.tpsMissing.length, lang)}`);
  const rows = [report.hashGroups.slice(0, 8).join(' '), report.hashGroups.slice(8).join(' ')];
  io.out(
    lang === 'id'
      ? `Ringkasan ${summary.format} ditulis ke ${outFile}: TPS dihitung ${counted.join(', ')}.\n` +
          `Penanda tangan: ${summary.signer.name} (${summary.signer.role}), sidik jari ${summary.signer.fingerprint}` +
          `${attestation ? ', dengan pengesahan server' : ', tanpa pengesahan server'}.\n` +
          `SHA-256 (cetak di D.Hasil, di samping tanda tangan):\n  ${rows[0]}\n  ${rows[1]}\n`
      : `Summary ${summary.format} written to ${outFile}: TPS counted ${counted.join(', ')}.\n` +
          `Signer: ${summary.signer.name} (${summary.signer.role}), fingerprint ${summary.signer.fingerprint}` +
          `${attestation ? ', with server attestation' : ', without server attestation'}.\n` +
          `SHA-256 (print on the D.Hasil, beside the signatures):\n  ${rows[0]}\n  ${rows[1]}\n`,
  );
  return EXIT.ok;
}
