import { text, type LocalizedText } from '../common/text.ts';
import { allRead, type ContestDraft, type DayDraft, type DesaDraft, type SetupDraft } from './draft.ts';
import type { Party } from './schema.ts';
import type { SetupIssue } from './issues.ts';

/**
 * Rules that span fields (codes nested in their parents, unique numbers, schedule references).
 * They read what could be salvaged of the file (src/domain/setup/draft.ts), so they run even when
 * the schema refuses other parts: a file's duplicates are reported with its broken fields, in one
 * round. A rule skips what it cannot read — the schema already reports that — and a reference
 * ("panel-3 is not a panel") is only checked against a list read completely, so that one mistake
 * is never reported twice.
 */
export function crossReferenceIssues(draft: SetupDraft): SetupIssue[] {
  return [...regionIssues(draft), ...desaIssues(draft), ...contestIssues(draft), ...panelIssues(draft), ...scheduleIssues(draft)];
}

const issue = (path: string, message: LocalizedText): SetupIssue => ({ path, message });

/** Reports every repeat after the first occurrence, at the repeat's own path; unreadable items are skipped. */
function duplicates<T, K extends string | number>(
  items: readonly T[] | undefined,
  key: (item: T) => K | undefined,
  report: (index: number, key: K, first: number) => SetupIssue,
): SetupIssue[] {
  const seen = new Map<K, number>();
  const out: SetupIssue[] = [];
  items?.forEach((item, index) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else out.push(report(index, k, first));
  });
  return out;
}

function regionIssues({ provinsi, kabupaten, kecamatan }: SetupDraft): SetupIssue[] {
  const out: SetupIssue[] = [];
  if (provinsi && kabupaten && !kabupaten.startsWith(provinsi)) {
    out.push(issue('kabupaten.code', text(
      `Kode kabupaten ${kabupaten} tidak diawali kode provinsi ${provinsi}.`,
      `Kabupaten code ${kabupaten} does not start with the provinsi code ${provinsi}.`,
    )));
  }
  if (kabupaten && kecamatan && !kecamatan.startsWith(kabupaten)) {
    out.push(issue('kecamatan.code', text(
      `Kode kecamatan ${kecamatan} tidak diawali kode kabupaten ${kabupaten}.`,
      `Kecamatan code ${kecamatan} does not start with the kabupaten code ${kabupaten}.`,
    )));
  }
  return out;
}

/** How a desa is named in a message: its name, else its code, else its place in the file. */
const desaName = (desa: DesaDraft | undefined, index: number): string => desa?.name ?? desa?.code ?? `desa[${index}]`;

function desaIssues(draft: SetupDraft): SetupIssue[] {
  const out: SetupIssue[] = [];
  const kec = draft.kecamatan;
  draft.desa?.forEach((desa, i) => {
    if (kec && desa.code && !desa.code.startsWith(kec)) {
      out.push(issue(`desa[${i}].code`, text(
        `Kode desa ${desa.code} (${desaName(desa, i)}) tidak diawali kode kecamatan ${kec}.`,
        `Desa code ${desa.code} (${desaName(desa, i)}) does not start with the kecamatan code ${kec}.`,
      )));
    }
    out.push(...duplicates(desa.tps, (n) => n, (k, n, first) => issue(`desa[${i}].tps[${k}]`, text(
      `TPS ${n} tercantum dua kali di desa ${desaName(desa, i)} (juga di tps[${first}]).`,
      `TPS ${n} is listed twice in desa ${desaName(desa, i)} (also at tps[${first}]).`,
    ))));
  });
  out.push(...duplicates(draft.desa, (d) => d.code, (k, code, first) => issue(`desa[${k}].code`, text(
    `Kode desa ${code} sudah dipakai oleh desa[${first}] (${desaName(draft.desa?.[first], first)}).`,
    `Desa code ${code} is already used by desa[${first}] (${desaName(draft.desa?.[first], first)}).`,
  ))));
  return out;
}

function ballotNumberIssues(numbers: readonly (number | undefined)[] | undefined, path: (k: number) => string, what: LocalizedText): SetupIssue[] {
  return duplicates(numbers, (n) => n, (k, n, first) => issue(path(k), text(
    `Nomor urut ${n} dipakai dua kali untuk ${what.id} (juga di [${first}]).`,
    `Ballot number ${n} is used twice for ${what.en} (also at [${first}]).`,
  )));
}

/** The short name a party is shown by in labels ("PKB — calon 3"); must differ between parties. */
export const partyLabel = (party: Party): string => party.abbreviation ?? party.name;

function contestIssues(draft: SetupDraft): SetupIssue[] {
  const out = duplicates(draft.contests, (c) => c.id, (k, id) => issue(`contests[${k}].id`, text(
    `Jenis pemilihan ${id} tercantum dua kali.`,
    `Contest ${id} is listed twice.`,
  )));
  draft.contests?.forEach((contest, c) => out.push(...oneContestIssues(contest, `contests[${c}]`)));
  return out;
}

function oneContestIssues(contest: ContestDraft, base: string): SetupIssue[] {
  const candidateAt = (k: number) => `${base}.candidates[${k}].number`;
  switch (contest.id) {
    case 'PPWP':
      return ballotNumberIssues(contest.candidates, candidateAt, text('pasangan calon', 'pairs'));
    case 'DPD':
      return ballotNumberIssues(contest.candidates, candidateAt, text('calon DPD', 'DPD candidates'));
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB': {
      const parties = contest.parties;
      const out = ballotNumberIssues(parties?.map((p) => p.number), (k) => `${base}.parties[${k}].number`, text('partai', 'parties'));
      out.push(...duplicates(parties, (p) => p.label, (k, label, first) => issue(
        `${base}.parties[${k}].${parties?.[k]?.labelField ?? 'name'}`,
        text(
          `Singkatan partai "${label}" sama dengan parties[${first}]; label kolom formulir harus berbeda.`,
          `Party short name "${label}" equals parties[${first}]; form cell labels must differ.`,
        ),
      )));
      const seats = contest.dapil?.seats;
      const dapil = contest.dapil?.name ?? '';
      parties?.forEach((party, p) => {
        const path = `${base}.parties[${p}].candidates`;
        const name = party.label ?? `parties[${p}]`;
        out.push(...ballotNumberIssues(party.candidates, (k) => `${path}[${k}].number`, text(`calon ${name}`, `${name} candidates`)));
        const count = party.candidates?.length ?? 0;
        if (seats !== undefined && count > seats) {
          out.push(issue(path, text(
            `${name} mencalonkan ${count} orang, lebih dari ${seats} kursi dapil ${dapil}.`,
            `${name} lists ${count} candidates, more than the ${seats} seats of dapil ${dapil}.`,
          )));
        }
      });
      return out;
    }
    default:
      return []; // an unreadable contest id: the schema reports it
  }
}

function panelIssues(draft: SetupDraft): SetupIssue[] {
  return duplicates(draft.panels, (id) => id, (k, id) => issue(`panels[${k}].id`, text(
    `Id panel "${id}" dipakai dua kali.`,
    `Panel id "${id}" is used twice.`,
  )));
}

/** A calendar date that exists (the schema only checks the YYYY-MM-DD shape). */
function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const notADate = (path: string, value: string): SetupIssue => issue(path, text(
  `Tanggal ${value} tidak ada di kalender.`,
  `Date ${value} does not exist in the calendar.`,
));

function scheduleIssues(draft: SetupDraft): SetupIssue[] {
  const out: SetupIssue[] = [];
  if (draft.votingDate !== undefined && !isRealDate(draft.votingDate)) out.push(notADate('election.votingDate', draft.votingDate));
  const { timeZone, days } = draft;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    out.push(issue('schedule.timeZone', text(
      `Zona waktu "${timeZone}" tidak dikenal; gunakan nama IANA seperti Asia/Jakarta (WIB).`,
      `Unknown time zone "${timeZone}"; use an IANA name such as Asia/Jakarta (WIB).`,
    )));
  }
  out.push(...duplicates(days, (d) => d.date, (k, date) => issue(`schedule.days[${k}].date`, text(
    `Tanggal ${date} tercantum dua kali dalam jadwal.`,
    `Date ${date} appears twice in the schedule.`,
  ))));
  // A reference is checked only against a list read completely: a panel or desa whose own entry
  // is broken is reported there, not again at every place that names it.
  const panels = allRead(draft.panels) ? new Set(draft.panels) : null;
  const desaCodes = draft.desa?.map((d) => d.code);
  const desaNames = allRead(desaCodes) ? new Map(draft.desa?.map((d, i) => [d.code as string, desaName(d, i)])) : null;
  const assigned = new Map<string, string>(); // desa code → path of its first assignment
  days?.forEach((day, d) => out.push(...dayIssues(day, `schedule.days[${d}]`, panels, desaNames, assigned)));
  return out;
}

function dayIssues(day: DayDraft, base: string, panels: ReadonlySet<string> | null, desaNames: ReadonlyMap<string, string> | null, assigned: Map<string, string>): SetupIssue[] {
  const out: SetupIssue[] = [];
  if (day.date !== undefined && !isRealDate(day.date)) out.push(notADate(`${base}.date`, day.date));
  // Zero-padded HH:MM compares correctly as text.
  if (day.start !== undefined && day.end !== undefined && day.end <= day.start) {
    out.push(issue(`${base}.end`, text(
      `Jam selesai ${day.end} harus setelah jam mulai ${day.start}.`,
      `End time ${day.end} must be after start time ${day.start}.`,
    )));
  }
  day.assignments?.forEach((assignment, a) => {
    const at = `${base}.assignments[${a}]`;
    if (panels && assignment.panel !== undefined && !panels.has(assignment.panel)) {
      out.push(issue(`${at}.panel`, text(
        `Panel "${assignment.panel}" tidak ada di daftar panel.`,
        `Panel "${assignment.panel}" is not in the list of panels.`,
      )));
    }
    assignment.desa?.forEach((code, k) => {
      if (code === undefined) return;
      const path = `${at}.desa[${k}]`;
      if (desaNames && !desaNames.has(code)) {
        out.push(issue(path, text(`Desa ${code} tidak ada di daftar desa.`, `Desa ${code} is not in the list of desa.`)));
        return;
      }
      const name = desaNames?.get(code) ?? code;
      const first = assigned.get(code);
      if (first !== undefined) {
        out.push(issue(path, text(
          `Desa ${name} (${code}) dijadwalkan dua kali (juga di ${first}).`,
          `Desa ${name} (${code}) is scheduled twice (also at ${first}).`,
        )));
      } else {
        assigned.set(code, path);
      }
    });
  });
  return out;
}
