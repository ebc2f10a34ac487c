import { checkAll } from '../../domain/checks/index.ts';
import type { Finding } from '../../domain/checks/types.ts';
import { formatNumber, type Language } from '../../domain/common/text.ts';
import { CONTEST_LABELS } from '../../domain/labels/index.ts';
import { choiceOption, FORMATS, parseCommandArgs, requireOption, stringOption } from '../args.ts';
import { EXIT, type ExitCode } from '../errors.ts';
import { writeJson, type CommandContext } from '../io.ts';
import { assertSameKecamatan, loadSetup, loadTallies } from '../load.ts';
import { renderTable } from '../table.ts';

export const FINDINGS_FORMAT = 'rekap.findings/v1';

/** The contract shape: the message in one language, fields as dotted paths. */
const findingJson = (f: Finding, lang: Language) => ({
  tps: f.tps,
  contest: f.contest,
  code: f.code,
  severity: f.severity,
  message: f.message[lang],
  fields: f.fields,
});

function renderFindings(findings: readonly Finding[], lang: Language): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary =
    lang === 'id'
      ? `${formatNumber(errors, lang)} kesalahan, ${formatNumber(warnings, lang)} peringatan.`
      : `${formatNumber(errors, lang)} error${errors === 1 ? '' : 's'}, ${formatNumber(warnings, lang)} warning${warnings === 1 ? '' : 's'}.`;
  if (findings.length === 0) return `${summary}\n`;
  const severity = (f: Finding) => (lang === 'id' ? (f.severity === 'error' ? 'kesalahan' : 'peringatan') : f.severity);
  const headers = lang === 'id' ? ['TPS', 'Pemilihan', 'Kode', 'Jenis', 'Pesan'] : ['TPS', 'Contest', 'Code', 'Severity', 'Message'];
  const table = renderTable(
    headers.map((header) => ({ header, align: 'left' as const })),
    findings.map((f) => [f.tps, CONTEST_LABELS[f.contest][lang], f.code, severity(f), f.message[lang]]),
  );
  return `${table}\n${summary}\n`;
}

/** `rekap check --tallies <f> [--setup <f>] [--format json|table] [--lang id|en]`: exit 1 on any error finding. */
export async function checkCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'check',
    args,
    { tallies: { type: 'string' }, setup: { type: 'string' }, format: { type: 'string' } },
    0,
  );
  const talliesFile = requireOption(parsed, 'check', 'tallies');
  const setupFile = stringOption(parsed, 'setup');
  const format = choiceOption(parsed, 'format', FORMATS, 'json');

  const file = await loadTallies(talliesFile);
  const setup = setupFile === undefined ? undefined : await loadSetup(setupFile);
  if (setup) assertSameKecamatan(setup, file.kecamatan, talliesFile);

  const findings = checkAll(file.tallies, setup);
  if (format === 'json') writeJson(io, { format: FINDINGS_FORMAT, findings: findings.map((f) => findingJson(f, lang)) });
  else io.out(renderFindings(findings, lang));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}
