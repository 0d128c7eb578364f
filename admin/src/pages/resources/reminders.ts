/**
 * Reminder offsets are stored in minutes and entered as an amount of minutes, hours or
 * days ("24 Stunden", "2 Tage") — whichever unit shows the stored value as a whole number.
 */

export const REMINDER_UNITS = ['minutes', 'hours', 'days'] as const;
export type ReminderUnit = (typeof REMINDER_UNITS)[number];
const MINUTES: Record<ReminderUnit, number> = { minutes: 1, hours: 60, days: 1440 };

export interface ReminderRow {
  key: string;
  amount: string;
  unit: ReminderUnit;
}

/** 2880 → 2 days, 120 → 2 hours, 90 → 90 minutes. */
export function splitOffset(minutes: number): { amount: string; unit: ReminderUnit } {
  const unit = minutes % 1440 === 0 ? 'days' : minutes % 60 === 0 ? 'hours' : 'minutes';
  return { amount: String(minutes / MINUTES[unit]), unit };
}

/**
 * The minutes of an amount in a unit ('1,5' hours → 90); NaN when the amount is not a
 * number — the server then names the problem at this row.
 */
export function offsetMinutes(amount: string, unit: ReminderUnit): number {
  const text = amount.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * MINUTES[unit] * 1000) / 1000;
}
