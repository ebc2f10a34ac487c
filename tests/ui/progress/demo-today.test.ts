import { describe, expect, it } from 'vitest';
import { scheduleStartingToday } from '../../../src/domain/setup/reschedule.ts';
import { todayInJakarta } from '../../../src/ui/common/format.ts';
import { buildStatusIndex } from '../../../src/ui/navigation/status.ts';
import { buildProgress, lateDesa, scheduleView } from '../../../src/ui/progress/progress.ts';
import { demoSetup } from '../helpers.ts';

/** The progress screen's schedule of a fresh device (no form entered) seen at `now`. */
function firstProgressScreen(setup: ReturnType<typeof demoSetup>, now: Date) {
  return scheduleView(setup, buildProgress(setup, buildStatusIndex(setup, [])), todayInJakarta(now));
}

describe('the Puger demo on its first progress screen', () => {
  // Early morning and late evening WIB, on either side of UTC midnight, and a leap day.
  const instants = ['2025-06-30T17:05:00Z', '2025-07-01T16:55:00Z', '2028-02-29T03:00:00Z'];

  it.each(instants)('made at %s: day 1 is today and no desa is late', (iso) => {
    const now = new Date(iso);
    const view = firstProgressScreen(scheduleStartingToday(demoSetup(), now), now);
    expect(view.days.map((d) => d.when)).toEqual(['today', 'future', 'future']);
    expect(lateDesa(view.days)).toEqual([]);
  });

  it('as shipped (February 2024) every desa would be late', () => {
    const now = new Date('2025-06-30T17:05:00Z');
    expect(lateDesa(firstProgressScreen(demoSetup(), now).days)).toHaveLength(12);
  });
});
