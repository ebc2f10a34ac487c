import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { findJsonFault, lineColumn, type JsonFault } from './jsonSyntax.ts';

/** What was read, as messages name it: "Berkas cadangan.json" / "File cadangan.json". */
export function fileSubject(name: string): LocalizedText {
  return text(`Berkas ${name}`, `File ${name}`);
}

/** A character as quoted in a message; invisible ones are named. */
function shown(ch: string): LocalizedText {
  if (ch === ' ') return text('spasi', 'a space');
  if (ch < ' ') return text('karakter kendali', 'a control character');
  return text(`"${ch}"`, `"${ch}"`);
}

/** The few characters around the fault, on one line, so the place can be found in an editor. */
function near(source: string, offset: number): string {
  const from = Math.max(0, offset - 20);
  const excerpt = source.slice(from, offset + 10).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${excerpt}${offset + 10 < source.length ? '…' : ''}`;
}

function faultText(source: string, fault: JsonFault | null, subject: LocalizedText): LocalizedText {
  if (fault === null || fault.kind === 'empty') {
    return fault === null
      ? text(`${subject.id} tidak bisa dibaca sebagai JSON.`, `${subject.en} cannot be read as JSON.`)
      : text(`${subject.id} kosong: tidak ada isinya.`, `${subject.en} is empty.`);
  }
  const { line, column } = lineColumn(source, fault.offset);
  const place = text(`baris ${line}, kolom ${column}`, `line ${line}, column ${column}`);
  switch (fault.kind) {
    case 'truncated':
      return text(
        `${subject.id} terpotong: isinya berhenti sebelum lengkap (${place.id}). Mungkin berkas belum selesai diunduh atau disalin; ambil lagi berkas aslinya.`,
        `${subject.en} is cut short: it ends before it is complete (${place.en}). It may not have finished downloading or copying; get the original file again.`,
      );
    case 'unexpected': {
      const ch = shown(fault.found);
      return text(
        `${subject.id} bukan JSON yang benar: ada ${ch.id} yang tidak diharapkan di ${place.id} (dekat: ${near(source, fault.offset)}).`,
        `${subject.en} is not valid JSON: unexpected ${ch.en} at ${place.en} (near: ${near(source, fault.offset)}).`,
      );
    }
    case 'trailing':
      return text(
        `${subject.id} bukan JSON yang benar: masih ada isi setelah akhir data di ${place.id} (dekat: ${near(source, fault.offset)}).`,
        `${subject.en} is not valid JSON: there is more after the end of the data at ${place.en} (near: ${near(source, fault.offset)}).`,
      );
  }
}

/**
 * Why a text is not JSON, in both languages, naming what was read and the place (line, column):
 * the Indonesian counterpart of "Unexpected end of JSON input".
 */
export function jsonSyntaxText(source: string, subject: LocalizedText): LocalizedText {
  let fault: JsonFault | null;
  try {
    fault = findJsonFault(source);
  } catch {
    fault = null; // nested deeper than the stack allows: say only that it is not JSON
  }
  return faultText(source, fault, subject);
}

/**
 * JSON.parse with a failure in words instead of a SyntaxError. A byte-order mark (Windows Notepad
 * writes one) is not part of the data and is skipped.
 */
export function parseJsonText(source: string, subject: LocalizedText): Result<unknown, LocalizedText> {
  const body = source.replace(/^\uFEFF/, '');
  try {
    return ok(JSON.parse(body) as unknown);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return err(jsonSyntaxText(body, subject));
  }
}
