import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Language } from '../domain/common/text.ts';
import { text } from '../domain/common/text.ts';
import { fileSubject, parseJsonText } from '../domain/errors/index.ts';
import { CliError } from './errors.ts';

/** Where a command writes; injectable so tests run main() in-process without touching the real streams. */
export interface CliIo {
  out(chunk: string): void;
  err(chunk: string): void;
}

export const processIo: CliIo = {
  out: (chunk) => void process.stdout.write(chunk),
  err: (chunk) => void process.stderr.write(chunk),
};

/** What every command receives: its own arguments, the streams and the message language. */
export interface CommandContext {
  args: string[];
  io: CliIo;
  lang: Language;
}

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Reads and parses a JSON file; every way this can fail becomes one sentence naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  return (await readJsonFileWithText(path)).value;
}

/**
 * readJsonFile, also giving the text the value was parsed from (without a BOM): a signed summary
 * written canonically is then hashed as it is instead of serialised again (`rekap verify`).
 */
export async function readJsonFileWithText(path: string): Promise<{ value: unknown; text: string }> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    switch (errnoCode(error)) {
      case 'ENOENT':
        throw new CliError(text(`Berkas ${path} tidak ditemukan.`, `File ${path} does not exist.`));
      case 'EISDIR':
        throw new CliError(text(`${path} adalah folder, bukan berkas.`, `${path} is a directory, not a file.`));
      case 'EACCES':
      case 'EPERM':
        throw new CliError(text(`Berkas ${path} tidak boleh dibaca (izin ditolak).`, `File ${path} cannot be read (permission denied).`));
      default:
        throw new CliError(
          text(`Berkas ${path} tidak dapat dibaca (${errnoCode(error) ?? 'galat'}).`, `File ${path} cannot be read: ${String(error)}.`),
        );
    }
  }
  // A UTF-8 BOM (Windows editors) is not JSON but is harmless; strip it rather than refuse the file.
  const body = raw.replace(/^\uFEFF/, '');
  // Where the JSON breaks off or goes wrong, in words (not the engine's "Unexpected end of JSON input").
  const parsed = parseJsonText(body, fileSubject(path));
  if (!parsed.ok) throw new CliError(parsed.error);
  return { value: parsed.value, text: body };
}

/**
 * Writes via a temporary file in the same folder, flushed to disk, then renamed over the target:
 * a crash or a full disk leaves either the old file or the complete new one, never half a file.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = errnoCode(error);
    if (code === 'ENOENT') {
      throw new CliError(text(`Folder untuk ${path} tidak ada.`, `The folder for ${path} does not exist.`));
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EROFS' || code === 'ENOSPC') {
      throw new CliError(text(`Berkas ${path} tidak dapat ditulis (${code}).`, `File ${path} cannot be written (${code}).`));
    }
    throw error;
  }
}

export function writeJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
