/**
 * The pure slot engine (ARCHITECTURE §4): `(rules, bookings, range, now) → slots`.
 *
 * The candidate starts are known up front (opening interval start + k × step per local
 * day), so every rule is applied to them directly instead of building merged interval
 * sets per resource and sweeping those:
 *
 * - `[s, s+d)` lies inside a set of intervals iff it lies inside one interval of the
 *   set after merging touching ones, i.e. `a <= s <= b - d` for a merged `[a, b)`:
 *   weekly opening hours and availability (merged per resource, a few dozen
 *   intervals) allow the candidates in that range;
 * - `[s, s+d)` lies outside an absence `[x, y)` iff not `x - d < s < y`, and the
 *   buffered range overlaps no blocked `[f, t)` iff not
 *   `f - d - after < s < t + before`: each absence, series occurrence, holiday and
 *   blocked range clears the candidates in that open range (no merging or sorting).
 *
 * The verdicts are bit sets: per candidate one bit per counselor (per room), so a
 * booking costs one bucket-index lookup plus one cleared bit per candidate it covers,
 * and a slot's ids are read off one word. Wall-clock conversions use the zone's cached
 * offset per local day (plain arithmetic; luxon only on transition days), series
 * expansions and holidays are memoized, and slot times are formatted from cached
 * pieces. Nothing depends on the process time zone; the memos hold only values derived
 * from zone and recurrence rules, so the function stays pure. The minute-by-minute
 * reference (reference.ts) checks all of this in the property test.
 */
import { type Interval, merge } from './intervals';
import {
  DAY_MS,
  MINUTE_MS,
  WEEKDAYS,
  type Weekday,
  type ZoneCalendar,
  parseDate,
  parseTime,
  toEpochMs,
  weekdayIndex,
  zoneCalendar,
} from './local-time';
import { holidayDays } from './holidays';
import { type AbsenceSeries, seriesDays } from './series';

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

/**
 * Weekly rules as merged local-minute intervals per weekday (0 = Monday), each a flat
 * [start, end, start, end, …] array.
 */
function localWeek(rules: WeeklyHours): number[][] {
  const week: number[][] = [];
  for (const key of WEEKDAYS) {
    const ranges = rules[key] ?? [];
    // insertion sort by start into a flat array (a day has a handful of ranges)
    const flat: number[] = [];
    for (const r of ranges) {
      const s = parseTime(r.start);
      const e = parseTime(r.end);
      if (e <= s) continue;
      let j = flat.length;
      flat.push(s, e);
      while (j > 0 && flat[j - 2]! > s) {
        flat[j] = flat[j - 2]!;
        flat[j + 1] = flat[j - 1]!;
        j -= 2;
      }
      flat[j] = s;
      flat[j + 1] = e;
    }
    // merge touching or overlapping ranges in place
    let n = 0;
    for (let j = 0; j < flat.length; j += 2) {
      if (n > 0 && flat[j]! <= flat[n - 1]!) {
        if (flat[j + 1]! > flat[n - 1]!) flat[n - 1] = flat[j + 1]!;
      } else {
        flat[n] = flat[j]!;
        flat[n + 1] = flat[j + 1]!;
        n += 2;
      }
    }
    flat.length = n;
    week.push(flat);
  }
  return week;
}

/**
 * Local day/minute → instant for the days of one computation: the UTC offset of each
 * day without a transition is looked up once, so conversion is arithmetic; days with a
 * transition go through the zone calendar.
 */
class DayClock {
  private readonly offsets: Float64Array;

  constructor(
    readonly cal: ZoneCalendar,
    private readonly firstDay: number,
    lastDay: number,
  ) {
    this.offsets = new Float64Array(lastDay - firstDay + 1);
    for (let day = firstDay; day <= lastDay; day++) {
      this.offsets[day - firstDay] = cal.uniformOffset(day) ?? NaN;
    }
  }

  /** The day's offset in minutes, or NaN (a transition day, or outside the table). */
  offset(day: number): number {
    const o = this.offsets[day - this.firstDay];
    return o === undefined ? NaN : o;
  }

  /** `ZoneCalendar.toInstant`. */
  toInstant(day: number, minute: number): number | null {
    const o = this.offset(day);
    return o === o ? day * DAY_MS + (minute - o) * MINUTE_MS : this.cal.toInstant(day, minute);
  }

  /** `ZoneCalendar.boundary`. */
  boundary(day: number, minute: number): number {
    const o = this.offset(day);
    return o === o ? day * DAY_MS + (minute - o) * MINUTE_MS : this.cal.boundary(day, minute);
  }
}

/**
 * Per candidate, one bit per resource of a kind (`words` 32-bit words per candidate):
 * set = the rules applied so far allow that resource at that start.
 */
class ResourceBits {
  readonly words: number;
  readonly bits: Int32Array;

  constructor(
    candidates: number,
    readonly ids: readonly string[],
  ) {
    this.words = Math.max(1, Math.ceil(ids.length / 32));
    this.bits = new Int32Array(candidates * this.words);
  }

  /** Whether any resource is allowed at candidate i. */
  any(i: number): boolean {
    for (let w = i * this.words, end = w + this.words; w < end; w++) if (this.bits[w] !== 0) return true;
    return false;
  }

  /** The ids of the resources allowed at candidate i, in input order. */
  allowed(i: number): string[] {
    const base = i * this.words;
    let count = 0;
    for (let w = 0; w < this.words; w++) count += bitCount(this.bits[base + w]!);
    const out = new Array<string>(count); // exact size: a slot's ids are most of its memory
    let k = 0;
    for (let w = 0; w < this.words; w++) {
      let word = this.bits[base + w]!;
      while (word !== 0) {
        const low = word & -word;
        out[k++] = this.ids[w * 32 + 31 - Math.clz32(low)]!;
        word ^= low;
      }
    }
    return out;
  }
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 63;
}

/**
 * The sorted, distinct candidate starts, and the rules applied to them. A bucket table
 * (first candidate at or after each bucket's start) finds the candidates of a range
 * without a binary search.
 */
class Candidates {
  readonly count: number;
  private readonly first: number;
  private readonly last: number;
  private readonly width: number;
  private readonly buckets: Int32Array;

  constructor(
    readonly times: Float64Array,
    step: number,
  ) {
    const n = times.length;
    this.count = n;
    this.first = times[0]!;
    this.last = times[n - 1]!;
    const span = this.last - this.first;
    this.width = Math.max(step, MINUTE_MS, Math.ceil(span / (4 * n + 64)));
    const size = Math.floor(span / this.width) + 1;
    this.buckets = new Int32Array(size);
    let i = 0;
    for (let k = 0; k < size; k++) {
      const start = this.first + k * this.width;
      while (times[i]! < start) i++;
      this.buckets[k] = i;
    }
  }

  /** Index of the first candidate > x, for first <= x < last. */
  private above(x: number): number {
    const t = this.times;
    let i = this.buckets[Math.floor((x - this.first) / this.width)]!;
    while (i > 0 && t[i - 1]! > x) i--; // guards against rounding in the bucket number
    while (t[i]! <= x) i++;
    return i;
  }

  /** Index of the first candidate >= x, for first < x <= last. */
  private atLeast(x: number): number {
    const t = this.times;
    let i = this.buckets[Math.floor((x - this.first) / this.width)]!;
    while (i > 0 && t[i - 1]! >= x) i--;
    while (t[i]! < x) i++;
    return i;
  }

  /** Allows resource r of the set at the candidates s with from <= s <= to. */
  allow(set: ResourceBits, r: number, from: number, to: number): void {
    if (to < this.first || from > this.last || to < from) return;
    const { bits, words } = set;
    const bit = 1 << (r & 31);
    const t = this.times;
    const n = this.count;
    const word = r >>> 5;
    for (let i = from <= this.first ? 0 : this.atLeast(from); i < n && t[i]! <= to; i++) {
      const k = i * words + word;
      bits[k] = bits[k]! | bit;
    }
  }

  /** Index of the first candidate s with from < s (count if none), for a range ending after `first`. */
  firstAfter(from: number): number {
    return from < this.first ? 0 : from >= this.last ? this.count : this.above(from);
  }

  /** Clears resource r of the set at the candidates s with from < s < to. */
  forbid(set: ResourceBits, r: number, from: number, to: number): void {
    if (to <= this.first || from >= this.last) return;
    this.clear(set, r, this.firstAfter(from), to);
  }

  /** Clears resource r of the set at the candidates from index i on while s < to. */
  clear(set: ResourceBits, r: number, i: number, to: number): void {
    const { bits, words } = set;
    const mask = ~(1 << (r & 31));
    const word = r >>> 5;
    const t = this.times;
    const n = this.count;
    for (; i < n && t[i]! < to; i++) {
      const k = i * words + word;
      bits[k] = bits[k]! & mask;
    }
  }
}

/** Candidate starts: merged local opening interval start + k × step, per day. */
function candidateStarts(
  opening: ReadonlyArray<readonly number[]>,
  firstDay: number,
  lastDay: number,
  clock: DayClock,
  stepMinutes: number,
  earliest: number,
  latest: number,
): Candidates | undefined {
  let bound = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const hours = opening[weekdayIndex(day)]!;
    for (let j = 0; j < hours.length; j += 2) bound += Math.ceil((hours[j + 1]! - hours[j]!) / stepMinutes);
  }
  const starts = new Float64Array(bound);
  let count = 0;
  let ordered = true;
  let previous = -Infinity;
  for (let day = firstDay; day <= lastDay; day++) {
    const hours = opening[weekdayIndex(day)]!;
    const offset = clock.offset(day);
    for (let j = 0; j < hours.length; j += 2) {
      const b = hours[j + 1]!;
      for (let m = hours[j]!; m < b; m += stepMinutes) {
        const t = offset === offset ? day * DAY_MS + (m - offset) * MINUTE_MS : clock.toInstant(day, m);
        if (t === null || t < earliest || t > latest) continue;
        if (t <= previous) ordered = false;
        previous = t;
        starts[count++] = t;
      }
    }
  }
  if (count === 0) return undefined;
  let times = starts.subarray(0, count);
  if (!ordered) {
    times.sort();
    let n = 0;
    for (let i = 0; i < times.length; i++) if (i === 0 || times[i] !== times[n - 1]) times[n++] = times[i]!;
    times = times.subarray(0, n);
  }
  return new Candidates(times, stepMinutes * MINUTE_MS);
}

/** Allows the candidates s with `[s, s+duration)` inside the merged weekly rules. */
function allowWeekly(
  set: ResourceBits,
  r: number,
  week: ReadonlyArray<readonly number[]>,
  fromDay: number,
  toDay: number,
  clock: DayClock,
  candidates: Candidates,
  duration: number,
): void {
  // Local days ascend and wall clock → instant is monotone, so the instant intervals
  // come out sorted and touching ones (also across midnight) merge on the fly. Should
  // they not be sorted, all are sorted and merged again: what was allowed before lies
  // inside a merged interval too, and allowing is idempotent.
  let start = NaN;
  let end = NaN;
  for (let day = fromDay; day <= toDay; day++) {
    const hours = week[weekdayIndex(day)]!;
    for (let j = 0; j < hours.length; j += 2) {
      const a = clock.boundary(day, hours[j]!);
      const b = clock.boundary(day, hours[j + 1]!);
      if (b <= a) continue;
      if (a < start) return allowWeeklySorted(set, r, week, fromDay, toDay, clock, candidates, duration);
      if (a <= end) {
        if (b > end) end = b;
        continue;
      }
      if (end - start >= duration) candidates.allow(set, r, start, end - duration);
      start = a;
      end = b;
    }
  }
  if (end - start >= duration) candidates.allow(set, r, start, end - duration);
}

function allowWeeklySorted(
  set: ResourceBits,
  r: number,
  week: ReadonlyArray<readonly number[]>,
  fromDay: number,
  toDay: number,
  clock: DayClock,
  candidates: Candidates,
  duration: number,
): void {
  const list: Interval[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    const hours = week[weekdayIndex(day)]!;
    for (let j = 0; j < hours.length; j += 2) {
      list.push([clock.boundary(day, hours[j]!), clock.boundary(day, hours[j + 1]!)]);
    }
  }
  for (const [a, b] of merge(list)) if (b - a >= duration) candidates.allow(set, r, a, b - duration);
}

/** Clears the candidates s whose `[s, s+duration)` meets an absence or series occurrence. */
function forbidAbsences(
  set: ResourceBits,
  r: number,
  absences: readonly Absence[],
  series: readonly AbsenceSeries[],
  fromDay: number,
  toDay: number,
  clock: DayClock,
  candidates: Candidates,
  duration: number,
): void {
  for (const a of absences) {
    let from: number;
    let to: number;
    if ('from' in a) {
      from = toEpochMs(a.from);
      to = toEpochMs(a.to);
    } else {
      from = clock.boundary(parseDate(a.startDate), 0);
      to = clock.boundary(parseDate(a.endDate) + 1, 0);
    }
    if (to > from) candidates.forbid(set, r, from - duration, to);
  }
  for (const s of series) {
    let startMin = 0;
    let endMin = 1440;
    if (!s.allDay) {
      if (s.startTime === undefined || s.endTime === undefined) {
        throw new Error('an absence series needs allDay or startTime and endTime');
      }
      startMin = parseTime(s.startTime);
      endMin = parseTime(s.endTime);
    }
    const nextDay = endMin <= startMin ? 1 : 0;
    for (const day of seriesDays(s, fromDay, toDay)) {
      const from = clock.boundary(day, startMin);
      const to = clock.boundary(day + nextDay, endMin);
      if (to > from) candidates.forbid(set, r, from - duration, to);
    }
  }
}

/**
 * Resource index by id: the index itself for a unique id (the normal case), the list
 * of indices for an id given to more than one resource.
 */
function indexById(ids: readonly string[]): Map<string, number | number[]> {
  const map = new Map<string, number | number[]>();
  ids.forEach((id, r) => {
    const known = map.get(id);
    if (known === undefined) map.set(id, r);
    else if (typeof known === 'number') map.set(id, [known, r]);
    else known.push(r);
  });
  return map;
}

function instant(x: Instant): number {
  return typeof x === 'number' ? x : toEpochMs(x);
}

/** Clears the resources whose buffered range `[s-before, s+d+after)` meets a blocked range. */
function forbidBlocked(
  blocked: SlotInput['blocked'],
  counselors: ResourceBits,
  rooms: ResourceBits,
  candidates: Candidates,
  duration: number,
  before: number,
  after: number,
): void {
  const counselorIndex = indexById(counselors.ids);
  const roomIndex = indexById(rooms.ids);
  // [s-before, s+d+after) overlaps [f, t) iff f - d - after < s < t + before
  const first = candidates.times[0]!;
  for (const b of blocked) {
    const from = instant(b.from);
    const to = instant(b.to);
    if (!(to > from)) continue; // an empty range blocks nothing
    const hi = to + before;
    if (hi <= first) continue;
    const i = candidates.firstAfter(from - duration - after);
    if (i === candidates.count) continue;
    const c = b.counselorId ? counselorIndex.get(b.counselorId) : undefined;
    if (typeof c === 'number') candidates.clear(counselors, c, i, hi);
    else if (c) for (const r of c) candidates.clear(counselors, r, i, hi);
    const r = b.roomId ? roomIndex.get(b.roomId) : undefined;
    if (typeof r === 'number') candidates.clear(rooms, r, i, hi);
    else if (r) for (const x of r) candidates.clear(rooms, x, i, hi);
  }
}

/** The slots: candidates the center allows with a free counselor (and room, and seat). */
function collectSlots(
  candidates: Candidates,
  center: ResourceBits,
  counselors: ResourceBits,
  rooms: ResourceBits,
  input: SlotInput,
  cal: ZoneCalendar,
  duration: number,
): Slot[] {
  const { service } = input;
  const seatsTaken = new Map<number, number>();
  if (service.capacity > 1) {
    for (const g of input.groupBookings ?? []) {
      const t = toEpochMs(g.start);
      seatsTaken.set(t, (seatsTaken.get(t) ?? 0) + g.seats);
    }
  }
  const times = candidates.times;
  const slots: Slot[] = [];
  for (let i = 0; i < candidates.count; i++) {
    if (!center.any(i) || !counselors.any(i)) continue;
    if (service.needsRoom && !rooms.any(i)) continue;
    const s = times[i]!;
    let left = 0;
    if (service.capacity > 1) {
      left = service.capacity - (seatsTaken.get(s) ?? 0);
      if (left <= 0) continue;
    }
    const slot: Slot = {
      start: cal.formatISO(s),
      end: cal.formatISO(s + duration),
      counselorIds: counselors.allowed(i),
      roomIds: rooms.allowed(i),
    };
    if (service.capacity > 1) slot.seatsLeft = left;
    slots.push(slot);
  }
  return slots;
}

export function computeSlots(input: SlotInput): Slot[] {
  const { service } = input;
  const cal = zoneCalendar(input.timezone);
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
  // Rules are evaluated one day beyond, for starts and ends near midnight.
  const fromDay = firstDay - 1;
  const toDay = lastDay + 1;
  const clock = new DayClock(cal, fromDay, toDay + 1);

  const opening = localWeek(input.openingHours);
  const candidates = candidateStarts(opening, firstDay, lastDay, clock, step, earliest, latest);
  if (!candidates) return [];
  const n = candidates.count;

  // The center: inside the opening hours, outside center absences, series and holidays.
  const center = new ResourceBits(n, ['center']);
  allowWeekly(center, 0, opening, fromDay, toDay, clock, candidates, duration);
  forbidAbsences(
    center,
    0,
    input.centerAbsences,
    input.centerAbsenceSeries,
    fromDay,
    toDay,
    clock,
    candidates,
    duration,
  );
  if (input.holidays.observe && input.holidays.state) {
    const firstYear = new Date(fromDay * DAY_MS).getUTCFullYear();
    const lastYear = new Date(toDay * DAY_MS).getUTCFullYear();
    for (let y = firstYear; y <= lastYear; y++) {
      for (const d of holidayDays(input.holidays.state, y)) {
        if (d >= fromDay && d <= toDay) {
          candidates.forbid(center, 0, clock.boundary(d, 0) - duration, clock.boundary(d + 1, 0));
        }
      }
    }
  }

  // Counselors: qualified, inside their availability, outside their absences.
  const qualified = new Set(service.counselorIds);
  const counselorInput = input.counselors.filter((c) => qualified.has(c.id));
  const counselors = new ResourceBits(
    n,
    counselorInput.map((c) => c.id),
  );
  counselorInput.forEach((c, r) => {
    allowWeekly(counselors, r, localWeek(c.availability), fromDay, toDay, clock, candidates, duration);
    forbidAbsences(counselors, r, c.absences, c.absenceSeries, fromDay, toDay, clock, candidates, duration);
  });

  // Rooms (when needed): outside their absences.
  const roomInput = service.needsRoom ? input.rooms : [];
  const rooms = new ResourceBits(
    n,
    roomInput.map((r) => r.id),
  );
  roomInput.forEach((room, r) => {
    candidates.allow(rooms, r, -Infinity, Infinity);
    forbidAbsences(rooms, r, room.absences, room.absenceSeries, fromDay, toDay, clock, candidates, duration);
  });

  forbidBlocked(input.blocked, counselors, rooms, candidates, duration, before, after);
  return collectSlots(candidates, center, counselors, rooms, input, cal, duration);
}
