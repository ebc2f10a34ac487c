import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANGUAGES, text, type Language, type LocalizedText } from '../domain/common/text.ts';
import { CliError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
const COMMON: Options = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * node:util parseArgs, with its TypeErrors (unknown option, missing value) turned into a
 * bad-input sentence instead of a stack trace.
 */
/** node:util parseArgs' refusal (English) in both languages: the option it names, and what is wrong with it. */
function parseArgsDetail(error: unknown): LocalizedText {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const option = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return text(`opsi ${option} tidak dikenal.`, message);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return text(`nilai untuk opsi ${option.split(' ')[0] ?? option} tidak ada atau tidak sesuai.`, message);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return text(`argumen ${option} tidak diharapkan di sini.`, message);
    default:
      return text(`tidak dapat dibaca (${typeof code === 'string' ? code : 'galat'}).`, message);
  }
}

export function parseCommandArgs(command: string, args: string[], options: Options, maxPositionals: number): Parsed {
  let parsed: Parsed;
  try {
    const result = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    parsed = { values: result.values as Parsed['values'], positionals: result.positionals };
  } catch (error) {
    const detail = parseArgsDetail(error);
    throw new CliError(text(`Argumen untuk "rekap ${command}" salah: ${detail.id}`, `Wrong arguments for "rekap ${command}": ${detail.en}`));
  }
  choiceOption(parsed, 'lang', LANGUAGES, 'id');
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).join(' ');
    throw new CliError(
      text(`Argumen berlebih untuk "rekap ${command}": ${extra}.`, `Unexpected arguments for "rekap ${command}": ${extra}.`),
    );
  }
  return parsed;
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireOption(parsed: Parsed, command: string, name: string, flag = `--${name}`): string {
  const value = stringOption(parsed, name);
  if (value === undefined || value === '') {
    throw new CliError(
      text(`"rekap ${command}" memerlukan ${flag} <berkas>.`, `"rekap ${command}" needs ${flag} <file>.`),
    );
  }
  return value;
}

export function choiceOption<T extends string>(parsed: Parsed, name: string, choices: readonly T[], fallback: T): T {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new CliError(
    text(
      `Nilai --${name} "${value}" tidak dikenal; pilih salah satu: ${choices.join(', ')}.`,
      `Unknown --${name} value "${value}"; choose one of: ${choices.join(', ')}.`,
    ),
  );
}

/**
 * The message language is needed before the command's own parsing (to report that parsing's
 * errors), so it is picked out of the raw arguments; an invalid value falls back to Indonesian
 * here and is reported properly by the command's parser.
 */
export function languageOf(argv: readonly string[]): Language {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
  }
  return 'id';
}

export const FORMATS = ['json', 'table'] as const;
export type OutputFormat = (typeof FORMATS)[number];
