import type { LocalizedText } from '../../domain/common/text.ts';
import { archiveFailureText, isArchive, unpackArchive } from '../../domain/backup/index.ts';
import { blobBytes } from '../../db/index.ts';
import { fileSubject, parseJsonText, unexpectedErrorText } from '../../domain/errors/index.ts';

/**
 * Reads a chosen file as JSON; a failure is a value in both languages naming the file and the
 * place ("Berkas x.json terpotong … (baris 3, kolom 26)"), never the browser's SyntaxError text.
 */
export async function readJsonFile(file: File): Promise<{ ok: true; value: unknown } | { ok: false; reason: LocalizedText }> {
  let content: string;
  try {
    content = await file.text();
  } catch (e) {
    return { ok: false, reason: fileReadFailure(file.name, e) };
  }
  const parsed = parseJsonText(content, fileSubject(file.name));
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: parsed.error };
}

/**
 * Reads a backup file: a plain JSON file, or an archive whose photos are checked against their
 * hashes (src/domain/backup/archive.ts). Failures in words, naming the file.
 */
export async function readBackupFile(file: File): Promise<{ ok: true; value: unknown; photos: Map<string, Uint8Array> } | { ok: false; reason: LocalizedText }> {
  let bytes: Uint8Array;
  try {
    bytes = await blobBytes(file);
  } catch (e) {
    return { ok: false, reason: fileReadFailure(file.name, e) };
  }
  if (!isArchive(bytes)) {
    const parsed = parseJsonText(new TextDecoder().decode(bytes), fileSubject(file.name));
    return parsed.ok ? { ok: true, value: parsed.value, photos: new Map() } : { ok: false, reason: parsed.error };
  }
  const unpacked = await unpackArchive(bytes);
  if (!unpacked.ok) return { ok: false, reason: archiveFailureText(unpacked.error, file.name) };
  const parsed = parseJsonText(unpacked.value.backupJson, fileSubject(`${file.name}/backup.json`));
  return parsed.ok ? { ok: true, value: parsed.value, photos: unpacked.value.photos } : { ok: false, reason: parsed.error };
}

/** A file the browser could not read at all (moved, removed, no permission). */
export function fileReadFailure(name: string, error: unknown): LocalizedText {
  const detail = unexpectedErrorText(error);
  return {
    id: `Berkas ${name} tidak bisa dibaca (dipindah, dihapus, atau tanpa izin?). ${detail.id}`,
    en: `File ${name} cannot be read (moved, removed, or no permission?). ${detail.en}`,
  };
}

/** Offers a JSON value as a download (no server involved: works offline). */
export function downloadJson(fileName: string, value: unknown): void {
  downloadText(fileName, JSON.stringify(value, null, 2), 'application/json');
}

/** Offers these exact characters as a download (built in the browser: works offline). */
export function downloadText(fileName: string, content: string, type: string): void {
  downloadBlob(fileName, new Blob([content], { type }));
}

/** Offers these exact bytes as a download (an archive). */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug: "Puger Kulon" → "puger-kulon". */
export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
