import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, daysBetween } from '../../../src/domain/setup/calendar.ts';
import { scheduleStartingOn, scheduleStartingToday } from '../../../src/domain/setup/reschedule.ts';
import { validateSetup, type Setup } from '../../../src/domain/setup/index.ts';
import { demoJson } from './demo.ts';

function demo(): Setup {
  const result = validateSetup(demoJson());
  if (!result.ok) throw new Error('demo setup invalid');
  return result.value;
}

describe('calendar dates', () => {
  it('reads the date in the given time zone: 17.30 UTC is already the next day in WIB', () => {
    expect(calendarDate(new Date('2025-06-30T16:59:59Z'), 'Asia/Jakarta')).toBe('2025-06-30');
    expect(calendarDate(new Date('2025-06-30T17:00:00Z'), 'Asia/Jakarta')).toBe('2025-07-01');
    expect(calendarDate(new Date('2025-06-30T17:00:00Z'), 'UTC')).toBe('2025-06-30');
  });

  it('adds and counts days across month, year and leap-day ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-02-18', '2025-02-18')).toBe(366);
    expect(daysBetween('2024-02-20', '2024-02-18')).toBe(-2);
  });
});

describe('a schedule moved to start on a given day', () => {
  it('keeps the gaps, hours and assignments, and nothing else of the setup changes', () => {
    const setup = demo();
    expect(setup.schedule.days.map((d) => d.date)).toEqual(['2024-02-18', '2024-02-19', '2024-02-20']);
    const moved = scheduleStartingOn(setup, '2025-12-31');
    expect(moved.schedule.days.map((d) => d.date)).toEqual(['2025-12-31', '2026-01-01', '2026-01-02']);
    const withoutDates = (s: Setup) => ({ ...s, schedule: { ...s.schedule, days: s.schedule.days.map((d) => ({ ...d, date: '' })) } });
    expect(withoutDates(moved)).toEqual(withoutDates(setup));
    expect(moved.election.votingDate).toBe('2024-02-14');
    expect(validateSetup(moved)).toMatchObject({ ok: true });
    // The shipped setup is not changed in place.
    expect(setup.schedule.days[0]!.date).toBe('2024-02-18');
  });

  it('moves from the earliest day even when the days are not listed in order', () => {
    const setup = demo();
    const reversed = { ...setup, schedule: { ...setup.schedule, days: [...setup.schedule.days].reverse() } };
    expect(scheduleStartingOn(reversed, '2030-01-01').schedule.days.map((d) => d.date)).toEqual(['2030-01-03', '2030-01-02', '2030-01-01']);
  });

  it('starts on the WIB date of the clock', () => {
    // 23.30 UTC on 9 March is 06.30 on 10 March in Jakarta.
    expect(scheduleStartingToday(demo(), new Date('2026-03-09T23:30:00Z')).schedule.days[0]!.date).toBe('2026-03-10');
  });
});
