import { tpsCode, type DesaCode } from '../../domain/codes/codes.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { StatusIndex } from '../navigation/status.ts';

/**
 * How far the recap is, per desa × contest, from the tally statuses (the same index as the clerks'
 * chips). Each TPS × contest form counts once in exactly one of missing / draft / entered-only /
 * verified; "entered" counts every form at least entered (verified and final included), so
 * entered ≥ verified, and errors are counted across statuses.
 */
export interface Counts {
  forms: number;
  /** Nothing entered yet (no tally, or empty). */
  missing: number;
  /** Started, not yet marked entered. */
  draft: number;
  /** At least entered: entered, verified or final. */
  entered: number;
  /** Verified or final. */
  verified: number;
  /** Forms with at least one error finding. */
  withErrors: number;
}

export const zeroCounts = (): Counts => ({ forms: 0, missing: 0, draft: 0, entered: 0, verified: 0, withErrors: 0 });

function add(into: Counts, c: Counts): void {
  into.forms += c.forms;
  into.missing += c.missing;
  into.draft += c.draft;
  into.entered += c.entered;
  into.verified += c.verified;
  into.withErrors += c.withErrors;
}

export type DesaState = 'not-started' | 'in-progress' | 'done';

export interface DesaProgress {
  desa: DesaCode;
  name: string;
  tps: number;
  byContest: Partial<Record<ContestId, Counts>>;
  /** Over all contests of the setup. */
  all: Counts;
  /** done: every form verified (or final); not-started: nothing entered anywhere. */
  state: DesaState;
}

export interface Progress {
  desa: DesaProgress[];
  kecamatan: { byContest: Partial<Record<ContestId, Counts>>; all: Counts };
}

const stateOf = (c: Counts): DesaState => (c.forms > 0 && c.verified === c.forms ? 'done' : c.missing === c.forms ? 'not-started' : 'in-progress');

export function buildProgress(setup: Setup, index: StatusIndex): Progress {
  const kecamatan = { byContest: {} as Partial<Record<ContestId, Counts>>, all: zeroCounts() };
  for (const c of setup.contests) kecamatan.byContest[c.id] = zeroCounts();
  const desa = setup.desa.map((d): DesaProgress => {
    const byContest: Partial<Record<ContestId, Counts>> = {};
    const all = zeroCounts();
    for (const contest of setup.contests) {
      const counts = zeroCounts();
      for (const number of d.tps) {
        const s = index.get(tpsCode(d.code, number), contest.id);
        counts.forms += 1;
        switch (s.status) {
          case 'empty':
            counts.missing += 1;
            break;
          case 'draft':
            counts.draft += 1;
            break;
          case 'entered':
            counts.entered += 1;
            break;
          case 'verified':
          case 'final':
            counts.entered += 1;
            counts.verified += 1;
            break;
        }
        if (s.errors > 0) counts.withErrors += 1;
      }
      byContest[contest.id] = counts;
      add(all, counts);
      add(kecamatan.byContest[contest.id]!, counts);
    }
    add(kecamatan.all, all);
    return { desa: d.code, name: d.name, tps: d.tps.length, byContest, all, state: stateOf(all) };
  });
  return { desa, kecamatan };
}

export interface ScheduledDesa {
  progress: DesaProgress;
  /** Its day is past (by the WIB date) and it is not done. */
  late: boolean;
}

export interface SchedulePanel {
  panel: string;
  name: string;
  desa: ScheduledDesa[];
  done: number;
}

export interface ScheduleDayView {
  date: string;
  start: string;
  end: string;
  when: 'past' | 'today' | 'future';
  panels: SchedulePanel[];
}

/**
 * The plan (setup.schedule: which desa each panel takes each day) against what is done. `today` is
 * the WIB calendar date of the device clock (YYYY-MM-DD); a desa whose (last) planned day is before
 * today and that is not done is late.
 */
export function scheduleView(setup: Setup, progress: Progress, today: string): { days: ScheduleDayView[]; unscheduled: DesaProgress[] } {
  const byCode = new Map(progress.desa.map((d) => [d.desa as string, d]));
  const scheduled = new Set<string>();
  const panelName = (id: string) => setup.panels.find((p) => p.id === id)?.name ?? id;
  // A desa continued on a later day is late only once its last planned day has passed.
  const lastDay = new Map<string, string>();
  for (const day of setup.schedule.days) for (const a of day.assignments) for (const code of a.desa) if ((lastDay.get(code) ?? '') < day.date) lastDay.set(code, day.date);
  const days = setup.schedule.days.map((day): ScheduleDayView => {
    const when = day.date < today ? 'past' : day.date === today ? 'today' : 'future';
    const panels = day.assignments.map((a): SchedulePanel => {
      const desa = a.desa.flatMap((code) => {
        const p = byCode.get(code);
        if (!p) return [];
        scheduled.add(code);
        return [{ progress: p, late: lastDay.get(code)! < today && p.state !== 'done' }];
      });
      return { panel: a.panel, name: panelName(a.panel), desa, done: desa.filter((d) => d.progress.state === 'done').length };
    });
    return { date: day.date, start: day.start, end: day.end, when, panels };
  });
  return { days, unscheduled: progress.desa.filter((d) => !scheduled.has(d.desa)) };
}

/** The desa that are late (each once, in schedule order). */
export function lateDesa(days: readonly ScheduleDayView[]): DesaCode[] {
  const out: DesaCode[] = [];
  for (const day of days) for (const p of day.panels) for (const d of p.desa) if (d.late && !out.includes(d.progress.desa)) out.push(d.progress.desa);
  return out;
}
