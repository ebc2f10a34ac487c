import { formatNumber as n } from '../common/text.ts';
import { fieldPath } from '../tally/fields.ts';
import type { Tally } from '../tally/tally.ts';
import { report } from './finding.ts';
import { dptWithReserve } from './voters.ts';
import type { Finding } from './types.ts';

/** Section II: E04 (received = used + returned + unused), E05 (used = B.4), E10, W02. */
export function checkBallots(tally: Tally, out: Finding[]): void {
  const { received, used, returned, unused } = tally.ballots;
  const b4 = tally.voters.usedTotal.total;

  if (received !== null && used !== null && returned !== null && unused !== null && used + returned + unused !== received) {
    const s = used + returned + unused;
    report(
      out, 'E04', tally,
      [fieldPath.ballot('received'), fieldPath.ballot('used'), fieldPath.ballot('returned'), fieldPath.ballot('unused')],
      `Surat suara diterima (${n(received, 'id')}) ≠ digunakan + dikembalikan + tidak digunakan (${n(used, 'id')} + ${n(returned, 'id')} + ${n(unused, 'id')} = ${n(s, 'id')})`,
      `Ballots received (${n(received, 'en')}) ≠ used + returned + unused (${n(used, 'en')} + ${n(returned, 'en')} + ${n(unused, 'en')} = ${n(s, 'en')})`,
    );
  }

  if (used !== null && b4 !== null && used !== b4) {
    report(
      out, 'E05', tally,
      [fieldPath.ballot('used'), fieldPath.voter('usedTotal', 'total')],
      `Surat suara digunakan (${n(used, 'id')}) ≠ jumlah pengguna hak pilih B.4 (${n(b4, 'id')})`,
      `Ballots used (${n(used, 'en')}) ≠ total voters who voted, B.4 (${n(b4, 'en')})`,
    );
  }

  // E10: impossible orderings, reported separately so each highlights its own pair of cells.
  if (returned !== null && received !== null && returned > received) {
    report(
      out, 'E10', tally,
      [fieldPath.ballot('returned'), fieldPath.ballot('received')],
      `Surat suara dikembalikan (${n(returned, 'id')}) > surat suara diterima (${n(received, 'id')})`,
      `Ballots returned (${n(returned, 'en')}) > ballots received (${n(received, 'en')})`,
    );
  }
  if (unused !== null && received !== null && unused > received) {
    report(
      out, 'E10', tally,
      [fieldPath.ballot('unused'), fieldPath.ballot('received')],
      `Surat suara tidak digunakan (${n(unused, 'id')}) > surat suara diterima (${n(received, 'id')})`,
      `Unused ballots (${n(unused, 'en')}) > ballots received (${n(received, 'en')})`,
    );
  }
  const disabled = tally.disabled.total;
  if (disabled !== null && b4 !== null && disabled > b4) {
    report(
      out, 'E10', tally,
      [fieldPath.disabled('total'), fieldPath.voter('usedTotal', 'total')],
      `Pemilih disabilitas J (${n(disabled, 'id')}) > jumlah pengguna hak pilih B.4 (${n(b4, 'id')})`,
      `Disabled voters who voted (${n(disabled, 'en')}) > total voters who voted, B.4 (${n(b4, 'en')})`,
    );
  }

  const a = tally.voters.dpt.total;
  if (received !== null && a !== null) {
    const expected = dptWithReserve(a);
    if (received !== expected) {
      report(
        out, 'W02', tally,
        [fieldPath.ballot('received'), fieldPath.voter('dpt', 'total')],
        `Surat suara diterima (${n(received, 'id')}) ≠ DPT + 2% cadangan (${n(a, 'id')} → ${n(expected, 'id')})`,
        `Ballots received (${n(received, 'en')}) ≠ DPT + 2% reserve (${n(a, 'en')} → ${n(expected, 'en')})`,
      );
    }
  }
}
