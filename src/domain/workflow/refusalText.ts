import { text, type LocalizedText } from '../common/text.ts';
import { findDesa } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';
import type { Actor } from './actor.ts';
import { REFUSAL_CODES, type Refusal, type RefusalCode } from './refusal.ts';

const ROLE_WORDS: Record<Actor['role'], LocalizedText> = {
  chair: text('ketua PPK', 'the PPK chair'),
  clerk: text('panitera panel', 'a panel clerk'),
  witness: text('saksi', 'a witness'),
  panwas: text('Panwascam', 'Panwascam'),
};

/** The workflow's refusal in both languages, naming the record ("PUGERKULON TPS 002, Presiden"). */
export function refusalText(r: Refusal, record: LocalizedText, actor: Actor, setup: Setup): LocalizedText {
  const who = ROLE_WORDS[actor.role];
  const codes = (r.codes ?? []).join(', ');
  const say = (id: string, en: string) => text(`${record.id}: ${id}`, `${record.en}: ${en}`);
  switch (r.code) {
    case 'read-only-role':
      return say(`${who.id} tidak menulis angka formulir; hanya panitera dan ketua PPK.`, `${who.en} does not write form figures; only clerks and the PPK chair do.`);
    case 'other-panel': {
      const desa = r.desa ? (findDesa(setup, r.desa)?.name ?? r.desa) : '?';
      return say(
        `desa ${desa} dikerjakan panel lain; perangkat panel ${actor.panel ?? '-'} tidak boleh mengubahnya.`,
        `desa ${desa} belongs to another panel; this panel ${actor.panel ?? '-'} device may not change it.`,
      );
    }
    case 'chair-only':
      return say(`hanya ketua PPK yang boleh melakukan ini (${r.action ?? ''}).`, `only the PPK chair may do this (${r.action ?? ''}).`);
    case 'not-from-state':
      return say(`langkah ini tidak diizinkan dari status ${r.from ?? '?'} (${r.action ?? ''}).`, `this step is not allowed from status ${r.from ?? '?'} (${r.action ?? ''}).`);
    case 'locked':
      return say('sudah final dan terkunci; hanya ketua PPK yang dapat membukanya kembali.', 'final and locked; only the PPK chair can reopen it.');
    case 'desa-final':
      return say('desa ini sudah ditetapkan final oleh ketua PPK dan terkunci.', 'this desa was finalised by the PPK chair and is locked.');
    case 'reason-required':
      return say('langkah ini wajib disertai alasan.', 'this step needs a reason.');
    case 'incomplete':
      return say(`${r.missing ?? 0} sel belum diisi.`, `${r.missing ?? 0} cells are not entered.`);
    case 'warnings-unaccepted':
      return say(`peringatan ${codes} belum diterima dengan alasan.`, `warnings ${codes} have not been accepted with a reason.`);
    case 'open-errors':
      return say(
        `galat ${codes} masih terbuka dan tidak dicakup keberatan/kejadian khusus yang sudah diputuskan; tidak dapat diverifikasi atau difinalkan.`,
        `errors ${codes} are open and not covered by a decided objection/special event; it cannot be verified or finalised.`,
      );
    case 'same-person':
      return say('verifikasi harus oleh orang lain daripada yang mengentri.', 'verification must be by someone other than the person who entered it.');
    case 'verifier-missing':
      return say('nama pemverifikasi wajib diisi.', "the verifier's name is required.");
    case 'immutable':
      return say(`isian ${r.field ?? ''} tidak boleh diubah.`, `${r.field ?? ''} may not be changed.`);
    case 'not-ready':
      return say(`belum dapat difinalkan: ${r.blockers ?? 0} hal masih menghalangi.`, `cannot be finalised yet: ${r.blockers ?? 0} things still block it.`);
  }
}

/**
 * The short reason of a refusal, naming no record (for rows that already name it, such as a
 * history entry another device made). A code this version does not know (a newer server) reads
 * as a plain refusal in Indonesian; the English names it for support.
 */
export function refusalShortText(code: string): LocalizedText {
  if ((REFUSAL_CODES as readonly string[]).includes(code)) return SHORT[code as RefusalCode];
  return text('tidak diizinkan alur kerja rekapitulasi', `not allowed by the recap workflow (${code})`);
}

const SHORT: Record<RefusalCode, LocalizedText> = {
  'read-only-role': text('peran perangkat ini tidak menulis angka formulir', "this device's role does not write form figures"),
  'other-panel': text('desa ini dikerjakan panel lain', 'the desa belongs to another panel'),
  'chair-only': text('hanya ketua PPK yang boleh melakukannya', 'only the PPK chair may do this'),
  'not-from-state': text('langkah ini tidak diizinkan dari status saat itu', 'this step was not allowed from the status at the time'),
  locked: text('formulir sudah final dan terkunci', 'the form was final and locked'),
  'desa-final': text('desa ini sudah ditetapkan final dan terkunci', 'the desa was finalised and locked'),
  'reason-required': text('langkah ini wajib disertai alasan', 'this step needs a reason'),
  incomplete: text('masih ada sel yang belum diisi', 'some cells were not entered'),
  'warnings-unaccepted': text('ada peringatan yang belum diterima dengan alasan', 'warnings were not accepted with a reason'),
  'open-errors': text('masih ada galat yang terbuka', 'errors were still open'),
  'same-person': text('verifikasi harus oleh orang lain daripada yang mengentri', 'verification must be by someone other than the person who entered it'),
  'verifier-missing': text('nama pemverifikasi tidak diisi', "the verifier's name was missing"),
  immutable: text('isian yang tidak boleh diubah ikut diubah', 'a field that may not change was changed'),
  'not-ready': text('belum dapat difinalkan', 'it could not be finalised yet'),
};
