import type { LocalizedText } from '../common/text.ts';
import { severityOf, type CheckCode, type Severity } from './types.ts';

export interface CheckDefinition {
  severity: Severity;
  /** One line for legends, docs and the CLI (DESIGN.md §3 wording). */
  description: LocalizedText;
}

const d = (code: CheckCode, id: string, en: string): [CheckCode, CheckDefinition] => [
  code,
  { severity: severityOf(code), description: { id, en } },
];

/** Every check code with its severity and a short description, in code order. */
export const CHECK_DEFINITIONS: Readonly<Record<CheckCode, CheckDefinition>> = Object.freeze(
  Object.fromEntries([
    d('E01', 'L + P ≠ J pada satu baris (A, B.1–B.4, disabilitas)', "A row's male + female ≠ total (A, B.1–B.4, disabled)"),
    d('E02', 'B.4 ≠ B.1 + B.2 + B.3 (L, P atau J)', 'B.4 ≠ B.1 + B.2 + B.3 (male, female or total)'),
    d('E03', 'Pengguna hak pilih DPT (B.1) melebihi DPT (A)', 'DPT voters who voted (B.1) exceed the DPT (A)'),
    d('E04', 'Surat suara diterima ≠ digunakan + dikembalikan + tidak digunakan', 'Ballots received ≠ used + returned + unused'),
    d('E05', 'Surat suara digunakan ≠ jumlah pengguna hak pilih (B.4)', 'Ballots used ≠ voters who voted (B.4)'),
    d('E06', 'Suara sah + suara tidak sah ≠ jumlah suara sah dan tidak sah', 'Valid + invalid votes ≠ total votes'),
    d('E07', 'Jumlah suara sah dan tidak sah ≠ jumlah pengguna hak pilih (B.4)', 'Total votes ≠ voters who voted (B.4)'),
    d('E08', 'Jumlah suara sah ≠ jumlah perolehan suara (paslon / calon / jumlah partai B)', 'Valid votes ≠ sum of votes (pairs / candidates / party totals B)'),
    d('E09', 'Jumlah suara partai B ≠ suara partai A.1 + suara calon A.2', "A party's total B ≠ party-only A.1 + its candidates' A.2"),
    d('E10', 'Surat suara dikembalikan atau tidak digunakan > diterima, atau disabilitas > B.4', 'Returned or unused ballots > received, or disabled voters > B.4'),
    d('E11', 'Angka negatif, bukan bilangan bulat, atau lebih dari 999', 'A figure is negative, not a whole number, or above 999'),
    d('W01', 'B.4 > DPT + 2% cadangan + DPTb', 'B.4 > DPT + 2% reserve + DPTb'),
    d('W02', 'Surat suara diterima ≠ DPT + 2% cadangan (dibulatkan ke atas)', 'Ballots received ≠ DPT + 2% reserve (rounded up)'),
    d('W03', 'Suara tidak sah ≥ ambang (bawaan 10%) dari jumlah suara', 'Invalid votes ≥ threshold (default 10%) of total votes'),
    d('W04', 'DPT berbeda antar-pemilihan di TPS yang sama', 'DPT differs between contests at the same TPS'),
    d('W05', 'Perolehan suara sama dengan TPS lain di desa yang sama (kemungkinan entri ganda)', "Vote figures equal another TPS's in the same desa (likely duplicate entry)"),
    d('W06', 'Entri kedua (independen) berbeda dari entri pertama', 'A second, independent entry differs from the first'),
  ]) as Record<CheckCode, CheckDefinition>,
);
