import { addDays, calendarDate, daysBetween } from './calendar.ts';
import type { Setup } from './schema.ts';

/**
 * The setup with its recap schedule moved as a whole so that its earliest day is `firstDay`
 * (YYYY-MM-DD): the gaps between days, the hours and who takes which desa stay, and nothing else
 * of the setup changes (the voting date included).
 */
export function scheduleStartingOn(setup: Setup, firstDay: string): Setup {
  const earliest = setup.schedule.days.reduce<string | null>((min, d) => (min === null || d.date < min ? d.date : min), null);
  if (earliest === null) return setup;
  const shift = daysBetween(earliest, firstDay);
  return { ...setup, schedule: { ...setup.schedule, days: setup.schedule.days.map((d) => ({ ...d, date: addDays(d.date, shift) })) } };
}

/**
 * A demo setup as made at `now`: its schedule starts that day in the schedule's own time zone (WIB
 * for Puger). The shipped demo plans February 2024; kept as is, a new user's first progress screen
 * would mark every desa late.
 */
export function scheduleStartingToday(setup: Setup, now: Date): Setup {
  return scheduleStartingOn(setup, calendarDate(now, setup.schedule.timeZone));
}
