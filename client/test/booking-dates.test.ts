import { describe, expect, it } from 'vitest';
import { addDays, monthWeeks, shiftMonth, slotDate, slotTime, todayIn } from '../src/pages/booking/dates';

describe('booking dates', () => {
  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
    expect(shiftMonth('2026-12-15', 1)).toBe('2027-01-01');
    expect(shiftMonth('2026-01-31', -1)).toBe('2025-12-01');
  });

  it('lays out a month in weeks starting on Monday', () => {
    // 1 March 2026 is a Sunday.
    const weeks = monthWeeks('2026-03-01');
    expect(weeks[0]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      '2026-03-01',
    ]);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(weeks.at(-1)?.[1]).toBe('2026-03-31');
  });

  it('reads the local date and time of a slot as the API gives them', () => {
    expect(slotTime('2026-03-02T09:30:00+01:00')).toBe('09:30');
    expect(slotDate('2026-03-02T23:30:00+01:00')).toBe('2026-03-02');
  });

  it("takes today's date in the center's zone", () => {
    const lateUtc = new Date('2026-06-30T23:30:00Z');
    expect(todayIn('Europe/Berlin', lateUtc)).toBe('2026-07-01');
    expect(todayIn('UTC', lateUtc)).toBe('2026-06-30');
  });
});
