import { tpsNumberOf } from '../codes/codes.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { findDesa } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';
import { STATUS_LABELS } from '../labels/statuses.ts';
import type { DesaBlocker, KecamatanBlocker } from './rule.ts';


const pad = (n: number) => String(n).padStart(3, '0');

/** One blocker as a sentence for the chair. */
export function desaBlockerText(blocker: DesaBlocker): LocalizedText {
  const tps = `TPS ${pad(tpsNumberOf(blocker.tps))}`;
  switch (blocker.kind) {
    case 'missing':
      return text(`${tps}: belum dientri`, `${tps}: not entered yet`);
    case 'not-verified':
      return text(`${tps}: belum terverifikasi (status ${STATUS_LABELS[blocker.status].id})`, `${tps}: not verified (status ${STATUS_LABELS[blocker.status].en})`);
    case 'uncovered': {
      const codes = blocker.codes.join(', ');
      return text(
        `${tps}: ${codes} belum dibetulkan dan belum dicatat sebagai kejadian khusus/keberatan yang sudah diputuskan`,
        `${tps}: ${codes} neither corrected nor covered by a decided special event/objection`,
      );
    }
  }
}

export function kecamatanBlockerText(setup: Setup, blocker: KecamatanBlocker): LocalizedText {
  const name = findDesa(setup, blocker.desa)?.name ?? blocker.desa;
  return text(`Desa ${name} belum final`, `Desa ${name} is not final yet`);
}

/** A short summary used in error messages: "3 TPS belum siap". */
export function blockedMessage(count: number): LocalizedText {
  return text(
    `Belum bisa difinalkan: ${count} hal masih menghalangi (lihat daftar).`,
    `Cannot be finalised yet: ${count} ${count === 1 ? 'item blocks' : 'items block'} it (see the list).`,
  );
}
