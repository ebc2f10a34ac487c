import { desaOfTps, tpsNumberOf } from '../codes/codes.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { findDesa } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';
import { witnessChoiceName } from './rules.ts';
import type { DecisionStatus, ObjectionKind, ObjectionScope, RaisedBy } from './schema.ts';

/** Wording shared by the screens and the printed attachment. */

export const KIND_TEXT: Record<ObjectionKind, LocalizedText> = {
  objection: text('Keberatan', 'Objection'),
  'special-event': text('Kejadian khusus', 'Special event'),
};

export const DECISION_TEXT: Record<DecisionStatus, LocalizedText> = {
  pending: text('Belum diputuskan', 'Pending'),
  corrected: text('Dibetulkan', 'Corrected'),
  recounted: text('Dihitung ulang', 'Recounted'),
  rejected: text('Ditolak', 'Rejected'),
  noted: text('Dicatat', 'Noted'),
};

const pad = (n: number) => String(n).padStart(3, '0');

/** "Kecamatan Puger" / "Desa Bagon" / "Bagon, TPS 005". */
export function scopeText(setup: Setup, scope: ObjectionScope): LocalizedText {
  switch (scope.level) {
    case 'kecamatan':
      return text(`Kecamatan ${setup.kecamatan.name}`, `Kecamatan ${setup.kecamatan.name}`);
    case 'desa': {
      const name = findDesa(setup, scope.desa)?.name ?? scope.desa;
      return text(`Desa ${name}`, `Desa ${name}`);
    }
    case 'tps': {
      const name = findDesa(setup, desaOfTps(scope.tps))?.name ?? desaOfTps(scope.tps);
      return text(`${name}, TPS ${pad(tpsNumberOf(scope.tps))}`, `${name}, TPS ${pad(tpsNumberOf(scope.tps))}`);
    }
  }
}

/** "Saksi partai 3 (PDIP) — Budi" / "Panwascam" / "Lainnya: Kepala desa". */
export function raisedByText(setup: Setup, by: RaisedBy): LocalizedText {
  const who = by.name ? ` — ${by.name}` : '';
  switch (by.role) {
    case 'witness': {
      const name = witnessChoiceName(setup, by.of) ?? '?';
      const n = by.of.number;
      switch (by.of.kind) {
        case 'pair':
          return text(`Saksi paslon ${n} (${name})${who}`, `Witness of pair ${n} (${name})${who}`);
        case 'party':
          return text(`Saksi partai ${n} (${name})${who}`, `Witness of party ${n} (${name})${who}`);
        case 'candidate':
          return text(`Saksi calon DPD ${n} (${name})${who}`, `Witness of DPD candidate ${n} (${name})${who}`);
      }
      break;
    }
    case 'panwascam':
      return text(`Panwascam${who}`, `Panwascam (sub-district supervisor)${who}`);
    case 'ppk-member':
      return text(`Anggota PPK${who}`, `PPK member${who}`);
    case 'other':
      return text(`Lainnya: ${by.name}`, `Other: ${by.name}`);
  }
}
