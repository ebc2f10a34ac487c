import { text } from '../../domain/common/text.ts';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { TpsCodeSchema } from '../../domain/codes/codes.ts';
import { CONTEST_IDS, ContestIdSchema } from '../../domain/tally/contest.ts';
// The modules themselves, not the summary barrel: proving needs neither building nor signing.
import { failureText } from '../../domain/summary/failures.ts';
import { proveFailureText, proveTps } from '../../domain/summary/proof.ts';
import { readFailureText } from '../../domain/summary/read.ts';
import { SUMMARY_FORMAT_V2 } from '../../domain/summary/schemaV2.ts';
import { verifySummary } from '../../domain/summary/verify.ts';
import { parseCommandArgs, requireOption, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { readJsonFileWithText, writeFileAtomic, type CommandContext } from '../io.ts';

/**
 * `rekap prove <summary.json> --tps <tps> [--contest C] -o <proof.json>`: the rekap.proof/v1 of one
 * TPS from a v2 summary (docs/integrity.md "Proof of one TPS"). The summary is verified first: a
 * proof from a file that does not verify would vouch for nothing (exit 1, its failures listed).
 */
export async function proveCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('prove', args, { tps: { type: 'string' }, contest: { type: 'string' }, output: { type: 'string', short: 'o' } }, 1);
  const file = parsed.positionals[0];
  if (file === undefined) throw new CliError(text('"rekap prove" memerlukan <ringkasan.json>.', '"rekap prove" needs <summary.json>.'));
  const tpsArg = stringOption(parsed, 'tps') ?? '';
  const outFile = requireOption(parsed, 'prove', 'output', '-o');
  const tps = TpsCodeSchema.safeParse(tpsArg);
  if (!tps.success) {
    throw new CliError(text(`"rekap prove" memerlukan --tps <kode TPS 13 digit> (diberikan "${tpsArg}").`, `"rekap prove" needs --tps <13-digit TPS code> (given "${tpsArg}").`));
  }
  const contestArg = stringOption(parsed, 'contest');
  const contest = contestArg === undefined ? undefined : ContestIdSchema.safeParse(contestArg);
  if (contest && !contest.success) {
    throw new CliError(
      text(`Jenis pemilihan "${contestArg}" tidak dikenal; pilih salah satu: ${CONTEST_IDS.join(', ')}.`, `Unknown contest "${contestArg}"; choose one of: ${CONTEST_IDS.join(', ')}.`),
    );
  }

  const { value, text: source } = await readJsonFileWithText(file);
  const verified = await verifySummary(value, {}, source);
  if (!verified.ok) {
    const reason = readFailureText(verified.error);
    throw new CliError(text(`${file}: ${reason.id}`, `${file}: ${reason.en}`));
  }
  const report = verified.value;
  if (!report.valid) {
    const lines = report.failures.map((f, i) => `  ${i + 1}. ${failureText(f)[lang]}`);
    io.err(
      `${lang === 'id' ? `rekap: ${file} tidak sah; bukti tidak dibuat:` : `rekap: ${file} is not valid; no proof was made:`}\n${lines.join('\n')}\n`,
    );
    return EXIT.findings;
  }
  if (report.summary.format !== SUMMARY_FORMAT_V2) {
    throw new CliError(proveFailureText({ kind: 'not-v2', format: report.summary.format }));
  }
  const proof = await proveTps(value as object, report.summary, tps.data, contest?.data);
  if (!proof.ok) throw new CliError(proveFailureText(proof.error));
  await writeFileAtomic(outFile, canonicalJson(proof.value));

  const contests = proof.value.entries.map((e) => e.entry.figures.contest).join(', ');
  const rows = [report.hashGroups.slice(0, 8).join(' '), report.hashGroups.slice(8).join(' ')];
  io.out(
    lang === 'id'
      ? `Bukti TPS ${tps.data} (${contests}) ditulis ke ${outFile}. Saksi memeriksanya dengan hash di kertas D.Hasil:\n  ${rows[0]}\n  ${rows[1]}\n`
      : `Proof of TPS ${tps.data} (${contests}) written to ${outFile}. A witness checks it against the hash on the paper D.Hasil:\n  ${rows[0]}\n  ${rows[1]}\n`,
  );
  return EXIT.ok;
}
