import type { LocalizedText } from '../domain/common/text.ts';

/**
 * Exit codes are part of the CLI contract: scripts in a kecamatan office branch on them.
 * 1 is reserved for "the data has errors" (check), so bad input gets its own code.
 */
export const EXIT = {
  ok: 0,
  findings: 1,
  badInput: 2,
  /** sysexits.h EX_SOFTWARE: a bug in rekap, not in the user's files. */
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An expected failure with one user-facing sentence in both languages. Thrown from deep inside
 * loaders so that commands stay linear; main() turns it into a message and an exit code.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly text: LocalizedText;

  constructor(text: LocalizedText, exitCode: ExitCode = EXIT.badInput) {
    super(text.en);
    this.name = 'CliError';
    this.text = text;
    this.exitCode = exitCode;
  }
}
