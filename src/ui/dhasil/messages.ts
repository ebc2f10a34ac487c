import { i18n } from '../i18n/index.ts';
import type { Messages } from '../i18n/messages.ts';

/**
 * Strings of the figures-first D.Hasil page (issue 12): the desa picker, the one-line coverage and
 * the one-line status of the folded finalisation and signing panels. They live beside the screen
 * and join the shared catalogue under `dhasilPage` when this module is imported, so the page does
 * not compete with other screens' edits of id.ts / en.ts.
 */
export const dhasilPageId = {
  desa: 'Desa',
  coverageMissing: 'Belum masuk: {{n}} TPS',
  coverageUnverified: 'Belum diverifikasi: {{n}} TPS',
  coverageList: 'daftar TPS',
  blockers_one: '{{n}} hal belum siap',
  blockers_other: '{{n}} hal belum siap',
  ready: 'siap difinalkan',
  drift_one: '{{n}} formulir berubah sejak final',
  drift_other: '{{n}} formulir berubah sejak final',
  summaryFinal: '{{contest}} final',
  summaryNotFinal: '{{contest}} belum final',
  summaryNone: 'belum pernah ditandatangani',
  summaryCurrent: 'terakhir {{when}}, masih sesuai',
  summaryStale: 'terakhir {{when}}, sudah usang',
  summaryUnreadable: 'ringkasan terakhir tidak terbaca',
};

export const dhasilPageEn: Messages<typeof dhasilPageId> = {
  desa: 'Village',
  coverageMissing: 'Not in: {{n}} TPS',
  coverageUnverified: 'Not verified: {{n}} TPS',
  coverageList: 'list of TPS',
  blockers_one: '{{n}} item not ready',
  blockers_other: '{{n}} items not ready',
  ready: 'ready to finalise',
  drift_one: '{{n}} form changed since final',
  drift_other: '{{n}} forms changed since final',
  summaryFinal: '{{contest}} final',
  summaryNotFinal: '{{contest}} not final',
  summaryNone: 'never signed',
  summaryCurrent: 'last {{when}}, still current',
  summaryStale: 'last {{when}}, out of date',
  summaryUnreadable: 'last summary unreadable',
};

i18n.addResourceBundle('id', 'translation', { dhasilPage: dhasilPageId }, true, true);
i18n.addResourceBundle('en', 'translation', { dhasilPage: dhasilPageEn }, true, true);
