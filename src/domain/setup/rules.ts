import { text, type LocalizedText } from '../common/text.ts';
import type { Candidate, ContestSetup, Party, Setup } from './schema.ts';
import type { SetupIssue } from './issues.ts';

/**
 * Rules that span fields (codes nested in their parents, unique numbers, schedule references).
 * They run on a setup that already has the schema's shape, so they can trust types and focus on meaning.
 */
export function crossReferenceIssues(setup: Setup): SetupIssue[] {
  return [
    ...regionIssues(setup),
    ...desaIssues(setup),
    ...contestIssues(setup),
    ...panelIssues(setup),
    ...scheduleIssues(setup),
  ];
}

const issue = (path: string, message: LocalizedText): SetupIssue => ({ path, message });

/** Reports every repeat after the first occurrence, at the repeat's own path. */
function duplicates<T>(items: readonly T[], key: (item: T) => string | number, report: (index: number, key: string | number, first: number) => SetupIssue): SetupIssue[] {
  const seen = new Map<string | number, number>();
  const out: SetupIssue[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else out.push(report(index, k, first));
  });
  return out;
}

function regionIssues(setup: Setup): SetupIssue[] {
  const out: SetupIssue[] = [];
  const { provinsi, kabupaten, kecamatan } = setup;
  if (!kabupaten.code.startsWith(provinsi.code)) {
    out.push(issue('kabupaten.code', text(
      `Kode kabupaten ${kabupaten.code} tidak diawali kode provinsi ${provinsi.code}.`,
      `Kabupaten code ${kabupaten.code} does not start with the provinsi code ${provinsi.code}.`,
    )));
  }
  if (!kecamatan.code.startsWith(kabupaten.code)) {
    out.push(issue('kecamatan.code', text(
      `Kode kecamatan ${kecamatan.code} tidak diawali kode kabupaten ${kabupaten.code}.`,
      `Kecamatan code ${kecamatan.code} does not start with the kabupaten code ${kabupaten.code}.`,
    )));
  }
  return out;
}

function desaIssues(setup: Setup): SetupIssue[] {
  const out: SetupIssue[] = [];
  const kec = setup.kecamatan.code;
  setup.desa.forEach((desa, i) => {
    if (!desa.code.startsWith(kec)) {
      out.push(issue(`desa[${i}].code`, text(
        `Kode desa ${desa.code} (${desa.name}) tidak diawali kode kecamatan ${kec}.`,
        `Desa code ${desa.code} (${desa.name}) does not start with the kecamatan code ${kec}.`,
      )));
    }
    out.push(...duplicates(desa.tps, (n) => n, (k, n, first) => issue(`desa[${i}].tps[${k}]`, text(
      `TPS ${n} tercantum dua kali di desa ${desa.name} (juga di tps[${first}]).`,
      `TPS ${n} is listed twice in desa ${desa.name} (also at tps[${first}]).`,
    ))));
  });
  out.push(...duplicates(setup.desa, (d) => d.code, (k, code, first) => issue(`desa[${k}].code`, text(
    `Kode desa ${code} sudah dipakai oleh desa[${first}] (${setup.desa[first]?.name ?? ''}).`,
    `Desa code ${code} is already used by desa[${first}] (${setup.desa[first]?.name ?? ''}).`,
  ))));
  return out;
}

function ballotNumberIssues(items: readonly Candidate[] | readonly Party[], base: string, what: LocalizedText): SetupIssue[] {
  return duplicates(items, (c) => c.number, (k, n, first) => issue(`${base}[${k}].number`, text(
    `Nomor urut ${n} dipakai dua kali untuk ${what.id} (juga di [${first}]).`,
    `Ballot number ${n} is used twice for ${what.en} (also at [${first}]).`,
  )));
}

/** The short name a party is shown by in labels ("PKB — calon 3"); must differ between parties. */
export const partyLabel = (party: Party): string => party.abbreviation ?? party.name;

function contestIssues(setup: Setup): SetupIssue[] {
  const out = duplicates(setup.contests, (c) => c.id, (k, id) => issue(`contests[${k}].id`, text(
    `Jenis pemilihan ${id} tercantum dua kali.`,
    `Contest ${id} is listed twice.`,
  )));
  setup.contests.forEach((contest, c) => out.push(...oneContestIssues(contest, `contests[${c}]`)));
  return out;
}

function oneContestIssues(contest: ContestSetup, base: string): SetupIssue[] {
  switch (contest.id) {
    case 'PPWP':
      return ballotNumberIssues(contest.candidates, `${base}.candidates`, text('pasangan calon', 'pairs'));
    case 'DPD':
      return ballotNumberIssues(contest.candidates, `${base}.candidates`, text('calon DPD', 'DPD candidates'));
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB': {
      const out = ballotNumberIssues(contest.parties, `${base}.parties`, text('partai', 'parties'));
      out.push(...duplicates(contest.parties, partyLabel, (k, label, first) => issue(
        `${base}.parties[${k}].${contest.parties[k]?.abbreviation === undefined ? 'name' : 'abbreviation'}`,
        text(
          `Singkatan partai "${label}" sama dengan parties[${first}]; label kolom formulir harus berbeda.`,
          `Party short name "${label}" equals parties[${first}]; form cell labels must differ.`,
        ),
      )));
      const seats = contest.dapil.seats;
      contest.parties.forEach((party, p) => {
        const path = `${base}.parties[${p}].candidates`;
        out.push(...ballotNumberIssues(party.candidates, path, text(`calon ${partyLabel(party)}`, `${partyLabel(party)} candidates`)));
        if (party.candidates.length > seats) {
          out.push(issue(path, text(
            `${partyLabel(party)} mencalonkan ${party.candidates.length} orang, lebih dari ${seats} kursi dapil ${contest.dapil.name}.`,
            `${partyLabel(party)} lists ${party.candidates.length} candidates, more than the ${seats} seats of dapil ${contest.dapil.name}.`,
          )));
        }
      });
      return out;
    }
  }
}

function panelIssues(setup: Setup): SetupIssue[] {
  return duplicates(setup.panels, (p) => p.id, (k, id) => issue(`panels[${k}].id`, text(
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

function scheduleIssues(setup: Setup): SetupIssue[] {
  const out: SetupIssue[] = [];
  if (!isRealDate(setup.election.votingDate)) out.push(notADate('election.votingDate', setup.election.votingDate));
  const { timeZone, days } = setup.schedule;
  if (!isTimeZone(timeZone)) {
    out.push(issue('schedule.timeZone', text(
      `Zona waktu "${timeZone}" tidak dikenal; gunakan nama IANA seperti Asia/Jakarta (WIB).`,
      `Unknown time zone "${timeZone}"; use an IANA name such as Asia/Jakarta (WIB).`,
    )));
  }
  out.push(...duplicates(days, (d) => d.date, (k, date) => issue(`schedule.days[${k}].date`, text(
    `Tanggal ${date} tercantum dua kali dalam jadwal.`,
    `Date ${date} appears twice in the schedule.`,
  ))));

  const panels = new Set(setup.panels.map((p) => p.id));
  const desaNames = new Map(setup.desa.map((d) => [d.code as string, d.name]));
  const assigned = new Map<string, string>(); // desa code → path of its first assignment
  days.forEach((day, d) => {
    const base = `schedule.days[${d}]`;
    if (!isRealDate(day.date)) out.push(notADate(`${base}.date`, day.date));
    // Zero-padded HH:MM compares correctly as text.
    if (day.end <= day.start) {
      out.push(issue(`${base}.end`, text(
        `Jam selesai ${day.end} harus setelah jam mulai ${day.start}.`,
        `End time ${day.end} must be after start time ${day.start}.`,
      )));
    }
    day.assignments.forEach((assignment, a) => {
      const at = `${base}.assignments[${a}]`;
      if (!panels.has(assignment.panel)) {
        out.push(issue(`${at}.panel`, text(
          `Panel "${assignment.panel}" tidak ada di daftar panel.`,
          `Panel "${assignment.panel}" is not in the list of panels.`,
        )));
      }
      assignment.desa.forEach((code, k) => {
        const path = `${at}.desa[${k}]`;
        const name = desaNames.get(code);
        if (name === undefined) {
          out.push(issue(path, text(
            `Desa ${code} tidak ada di daftar desa.`,
            `Desa ${code} is not in the list of desa.`,
          )));
          return;
        }
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
  });
  return out;
}
