import { text } from '../../domain/common/text.ts';
import { CONTEST_IDS, ContestIdSchema, type ContestId } from '../../domain/tally/contest.ts';
import { computeTotals, type AreaTotals, type TotalsReport } from '../../domain/totals/index.ts';
import { choiceOption, FORMATS, parseCommandArgs, requireOption, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeJson, type CommandContext } from '../io.ts';
import { assertSameKecamatan, loadSetup, loadTallies } from '../load.ts';
import { renderTotalsTable } from '../totals-table.ts';

/**
 * The JSON contract fields in a fixed order. computeTotals also knows the kecamatan's name; the
 * contract names only code/tpsIncluded/figures for it (plus the optional tpsMissing/tpsUnverified).
 */
function contractJson(report: TotalsReport) {
  const area = (a: AreaTotals) => ({ tpsIncluded: a.tpsIncluded, tpsMissing: a.tpsMissing, tpsUnverified: a.tpsUnverified, figures: a.figures });
  return {
    format: report.format,
    contest: report.contest,
    kecamatan: { code: report.kecamatan.code, ...area(report.kecamatan) },
    desa: report.desa.map((d) => ({ code: d.code, name: d.name, ...area(d) })),
  };
}

/**
 * `rekap totals --tallies <f> [--setup <f>] [--contest C] [--format json|table]`.
 * Without --contest: every contest present in the tallies (else the setup's), in counting order;
 * JSON is one object for one contest and an array for several (or none).
 */
export async function totalsCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'totals',
    args,
    { tallies: { type: 'string' }, setup: { type: 'string' }, contest: { type: 'string' }, format: { type: 'string' } },
    0,
  );
  const talliesFile = requireOption(parsed, 'totals', 'tallies');
  const setupFile = stringOption(parsed, 'setup');
  const format = choiceOption(parsed, 'format', FORMATS, 'json');
  const contestArg = stringOption(parsed, 'contest');
  if (contestArg !== undefined && !ContestIdSchema.safeParse(contestArg).success) {
    throw new CliError(
      text(
        `Jenis pemilihan "${contestArg}" tidak dikenal; pilih salah satu: ${CONTEST_IDS.join(', ')}.`,
        `Unknown contest "${contestArg}"; choose one of: ${CONTEST_IDS.join(', ')}.`,
      ),
    );
  }

  const file = await loadTallies(talliesFile);
  const setup = setupFile === undefined ? undefined : await loadSetup(setupFile);
  if (setup) assertSameKecamatan(setup, file.kecamatan, talliesFile);

  const present = new Set<ContestId>(file.tallies.map((t) => t.contest));
  if (present.size === 0) for (const c of setup?.contests ?? []) present.add(c.id);
  const contests: ContestId[] = contestArg !== undefined ? [contestArg as ContestId] : CONTEST_IDS.filter((c) => present.has(c));

  const reports = contests.map((contest) => {
    const report = computeTotals(file.tallies, contest, setup);
    // Without a setup the kecamatan code comes from the file rather than from the first TPS.
    return { ...report, kecamatan: { ...report.kecamatan, code: report.kecamatan.code || file.kecamatan } };
  });

  if (format === 'json') {
    const json = reports.map(contractJson);
    writeJson(io, json.length === 1 ? json[0] : json);
    return EXIT.ok;
  }
  if (reports.length === 0) {
    io.out(lang === 'id' ? `Tidak ada tally di ${talliesFile}.\n` : `No tallies in ${talliesFile}.\n`);
  }
  io.out(
    reports
      .map((r) => renderTotalsTable(r, setup?.contests.find((c) => c.id === r.contest), lang, setup !== undefined))
      .join('\n'),
  );
  return EXIT.ok;
}
