/**
 * The pure slot engine (ARCHITECTURE §4): `(rules, bookings, range, now) → slots`.
 *
 * Per resource, sorted merged instant intervals are built once (opening hours,
 * availability, absences, series, holidays, blocked ranges), turned into the set of
 * start instants that resource allows, and the candidate starts are swept against
 * those sets. Nothing depends on the process time zone.
 */
import { type Interval, type IntervalSet, intersect, merge, subtract } from './intervals';
import {
  DAY_MS,
  MINUTE_MS,
  type Weekday,
  ZoneCalendar,
  parseDate,
  parseTime,
  toEpochMs,
  weekdayOf,
} from './local-time';
import { publicHolidays } from './holidays';
import { type AbsenceSeries, seriesIntervals } from './series';

export type { AbsenceSeries } from './series';

/** Epoch milliseconds, a Date, or ISO 8601 text with an explicit offset. */
export type Instant = string | number | Date;

export interface TimeRange {
  start: string; // 'HH:mm'
  end: string; // 'HH:mm', '24:00' allowed
}
/** Weekly rules: per weekday, zero or more local intervals (missing = none). */
export type WeeklyHours = Partial<Record<Weekday, readonly TimeRange[]>>;

/** A one-off absence: an instant range, or whole local days (inclusive). */
export type Absence = { from: Instant; to: Instant } | { startDate: string; endDate: string };

export interface SlotInput {
  timezone: string;
  openingHours: WeeklyHours;
  holidays: { state?: string; observe: boolean };
  centerAbsences: readonly Absence[];
  centerAbsenceSeries: readonly AbsenceSeries[];
  rooms: ReadonlyArray<{
    id: string;
    absences: readonly Absence[];
    absenceSeries: readonly AbsenceSeries[];
  }>;
  counselors: ReadonlyArray<{
    id: string;
    availability: WeeklyHours;
    absences: readonly Absence[];
    absenceSeries: readonly AbsenceSeries[];
  }>;
  service: {
    durationMinutes: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
    stepMinutes: number;
    needsRoom: boolean;
    counselorIds: readonly string[];
    minNoticeMinutes: number;
    horizonDays: number;
    capacity: number;
  };
  /** Active bookings and holds, already expanded by their own service's buffers. */
  blocked: ReadonlyArray<{ counselorId?: string; roomId?: string; from: Instant; to: Instant }>;
  /**
   * Capacity > 1 only: bookings of this service (seats taken at a start). Seat rule:
   * seatsLeft = capacity − Σ seats of group bookings whose start is the same instant;
   * a start with seatsLeft ≤ 0 is not offered. The group's own bookings must not be
   * listed in `blocked` (otherwise they would block their own session); resources
   * are checked as for any other start.
   */
  groupBookings?: ReadonlyArray<{ start: Instant; seats: number }>;
  range: { from: string; to: string }; // local dates, inclusive
  now: Instant;
}

export interface Slot {
  start: string;
  end: string;
  counselorIds: string[];
  roomIds: string[];
  seatsLeft?: number;
}

function weeklyIntervals(rules: WeeklyHours, fromDay: number, toDay: number, cal: ZoneCalendar): Interval[] {
  const parsed = new Map<Weekday, Array<[number, number]>>();
  for (const [key, list] of Object.entries(rules) as Array<[Weekday, readonly TimeRange[]]>) {
    parsed.set(
      key,
      list.map((r): [number, number] => [parseTime(r.start), parseTime(r.end)]).filter(([s, e]) => e > s),
    );
  }
  const out: Interval[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    for (const [s, e] of parsed.get(weekdayOf(day)) ?? []) {
      out.push([cal.boundary(day, s), cal.boundary(day, e)]);
    }
  }
  return merge(out);
}

/** Merged local-minute intervals of one day's weekly rules. */
function localDayIntervals(rules: WeeklyHours, day: number): Array<[number, number]> {
  const list = (rules[weekdayOf(day)] ?? [])
    .map((r): [number, number] => [parseTime(r.start), parseTime(r.end)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of list) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function absenceIntervals(
  absences: readonly Absence[],
  series: readonly AbsenceSeries[],
  fromDay: number,
  toDay: number,
  cal: ZoneCalendar,
  cache: Map<string, number[]>,
): Interval[] {
  const out: Interval[] = [];
  for (const a of absences) {
    if ('from' in a) out.push([toEpochMs(a.from), toEpochMs(a.to)]);
    else out.push([cal.boundary(parseDate(a.startDate), 0), cal.boundary(parseDate(a.endDate) + 1, 0)]);
  }
  for (const s of series) out.push(...seriesIntervals(s, fromDay, toDay, cal, cache));
  return merge(out);
}

/**
 * Start instants `s` (as half-open ms intervals) with `[s, s+duration)` inside `free`
 * and `[s-before, s+duration+after)` overlapping no interval of `blocked`.
 */
function allowedStarts(
  free: IntervalSet,
  blocked: IntervalSet,
  duration: number,
  before: number,
  after: number,
): Interval[] {
  const inside: Interval[] = [];
  for (const [a, b] of free) if (b - a >= duration) inside.push([a, b - duration + 1]);
  // s overlaps [f, t) iff f - duration - after < s < t + before
  const forbidden = merge(blocked.map(([f, t]): Interval => [f - duration - after + 1, t + before]));
  return subtract(inside, forbidden);
}

/** Sweeps ascending instants against a normalized set. */
class Cursor {
  private i = 0;
  constructor(private readonly set: IntervalSet) {}
  has(t: number): boolean {
    while (this.i < this.set.length && this.set[this.i]![1] <= t) this.i++;
    const cur = this.set[this.i];
    return cur !== undefined && cur[0] <= t;
  }
}

export function computeSlots(input: SlotInput): Slot[] {
  const { service } = input;
  const cal = new ZoneCalendar(input.timezone);
  const now = toEpochMs(input.now);
  const earliest = now + service.minNoticeMinutes * MINUTE_MS;
  const latest = now + service.horizonDays * DAY_MS;
  const duration = service.durationMinutes * MINUTE_MS;
  const before = service.bufferBeforeMinutes * MINUTE_MS;
  const after = service.bufferAfterMinutes * MINUTE_MS;
  const step = service.stepMinutes;
  if (!(step > 0) || !(duration > 0)) throw new Error('step and duration must be positive');

  // Local days whose starts can fall in [earliest, latest] (a day's instants lie
  // within 14 h of its wall-clock span).
  const firstDay = Math.max(parseDate(input.range.from), Math.floor((earliest - 14 * 3_600_000) / DAY_MS));
  const lastDay = Math.min(parseDate(input.range.to), Math.floor((latest + 14 * 3_600_000) / DAY_MS));
  if (lastDay < firstDay) return [];
  const fromDay = firstDay - 1;
  const toDay = lastDay + 1;

  // Candidate starts: merged local opening interval start + k × step, per day.
  const candidates: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const [a, b] of localDayIntervals(input.openingHours, day)) {
      for (let m = a; m < b; m += step) {
        const t = cal.toInstant(day, m);
        if (t !== null && t >= earliest && t <= latest) candidates.push(t);
      }
    }
  }
  if (candidates.length === 0) return [];

  const seriesCache = new Map<string, number[]>();
  // The center: opening hours minus center absences, series and holidays.
  const closed: Interval[] = absenceIntervals(
    input.centerAbsences,
    input.centerAbsenceSeries,
    fromDay,
    toDay,
    cal,
    seriesCache,
  );
  if (input.holidays.observe && input.holidays.state) {
    const firstYear = new Date(fromDay * DAY_MS).getUTCFullYear();
    const lastYear = new Date(toDay * DAY_MS).getUTCFullYear();
    for (let y = firstYear; y <= lastYear; y++) {
      for (const h of publicHolidays(input.holidays.state, y)) {
        const d = parseDate(h.date);
        if (d >= fromDay && d <= toDay) closed.push([cal.boundary(d, 0), cal.boundary(d + 1, 0)]);
      }
    }
  }
  const open = subtract(weeklyIntervals(input.openingHours, fromDay, toDay, cal), merge(closed));

  const blockedRanges = new Map<string, Interval[]>();
  for (const b of input.blocked) {
    const range: Interval = [toEpochMs(b.from), toEpochMs(b.to)];
    for (const key of [b.counselorId && `c:${b.counselorId}`, b.roomId && `r:${b.roomId}`]) {
      if (!key) continue;
      const list = blockedRanges.get(key);
      if (list) list.push(range);
      else blockedRanges.set(key, [range]);
    }
  }
  const blockedBy = (kind: 'c' | 'r', id: string) => blockedRanges.get(`${kind}:${id}`) ?? [];

  const qualified = new Set(service.counselorIds);
  const counselors = input.counselors
    .filter((c) => qualified.has(c.id))
    .map((c) => {
      const free = subtract(
        intersect(open, weeklyIntervals(c.availability, fromDay, toDay, cal)),
        absenceIntervals(c.absences, c.absenceSeries, fromDay, toDay, cal, seriesCache),
      );
      const starts = allowedStarts(free, blockedBy('c', c.id), duration, before, after);
      return { id: c.id, cursor: new Cursor(starts) };
    });
  const rooms = service.needsRoom
    ? input.rooms.map((r) => {
        const free = subtract(
          open,
          absenceIntervals(r.absences, r.absenceSeries, fromDay, toDay, cal, seriesCache),
        );
        const starts = allowedStarts(free, blockedBy('r', r.id), duration, before, after);
        return { id: r.id, cursor: new Cursor(starts) };
      })
    : [];

  const seatsTaken = new Map<number, number>();
  if (service.capacity > 1) {
    for (const g of input.groupBookings ?? []) {
      const t = toEpochMs(g.start);
      seatsTaken.set(t, (seatsTaken.get(t) ?? 0) + g.seats);
    }
  }

  candidates.sort((x, y) => x - y);
  const slots: Slot[] = [];
  let previous = NaN;
  for (const s of candidates) {
    if (s === previous) continue;
    previous = s;
    const counselorIds = counselors.filter((c) => c.cursor.has(s)).map((c) => c.id);
    if (counselorIds.length === 0) continue;
    const roomIds = rooms.filter((r) => r.cursor.has(s)).map((r) => r.id);
    if (service.needsRoom && roomIds.length === 0) continue;
    const slot: Slot = {
      start: cal.formatISO(s),
      end: cal.formatISO(s + duration),
      counselorIds,
      roomIds,
    };
    if (service.capacity > 1) {
      const left = service.capacity - (seatsTaken.get(s) ?? 0);
      if (left <= 0) continue;
      slot.seatsLeft = left;
    }
    slots.push(slot);
  }
  return slots;
}
