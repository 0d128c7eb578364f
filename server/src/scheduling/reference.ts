/**
 * A slow, obviously correct reference for `computeSlots`: it enumerates the candidate
 * starts from a per-minute opening table and checks every minute of every candidate
 * against every rule. It shares nothing with the engine but `publicHolidays`: local
 * times are converted with Intl (a per-minute table of the wall clock), not with luxon,
 * and the RRULEs are evaluated by hand (FREQ=DAILY or WEEKLY with INTERVAL and BYDAY
 * only, which is what the property test generates).
 *
 * Used by the property test (slots.property.test.ts) and as the brute-force baseline
 * of the slot benchmark (server/bench/slots.bench.ts). Not for production use.
 */
import { publicHolidays } from './holidays';
import type { Absence, AbsenceSeries, Slot, SlotInput, WeeklyHours } from './slots';

const MIN = 60_000;
const DAY = 86_400_000;
const KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Memoizes a pure one-argument function (the reference asks the same days again and again). */
function memo<K, V>(f: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (!known.has(key)) known.set(key, f(key));
    return known.get(key)!;
  };
}
const dayOf = memo((date: string) => Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = memo((day: number) => new Date(day * DAY).toISOString().slice(0, 10));
const weekday = memo((day: number) => (new Date(day * DAY).getUTCDay() + 6) % 7); // 0 = Monday
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3));
const ms = (x: unknown) =>
  typeof x === 'number' ? x : x instanceof Date ? x.getTime() : Date.parse(String(x));

/** Wall clock (as UTC ms) of every minute instant in a window of local days, via Intl. */
class WallTable {
  readonly t0: number;
  readonly walls: number[] = [];
  private readonly instants = new Map<number, number | null>();
  private readonly boundaries = new Map<number, number>();

  constructor(
    zone: string,
    readonly firstDay: number,
    readonly lastDay: number,
  ) {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    this.t0 = firstDay * DAY - 16 * 3_600_000;
    for (let t = this.t0; t < (lastDay + 1) * DAY + 16 * 3_600_000; t += MIN) {
      const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, Number(x.value)]));
      this.walls.push(Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!));
    }
  }
  wall(t: number): number {
    const w = this.walls[(t - this.t0) / MIN];
    if (w === undefined) throw new Error('outside the wall table');
    return w;
  }
  /** Earliest instant showing exactly this wall time, or null (memoized scan). */
  instant(day: number, minute: number): number | null {
    const key = day * 1441 + minute;
    let found = this.instants.get(key);
    if (found === undefined) {
      const w = day * DAY + minute * MIN;
      found = null;
      for (let t = w - 14 * 3_600_000; t <= w + 14 * 3_600_000; t += MIN) {
        if (this.wall(t) === w) {
          found = t;
          break;
        }
      }
      this.instants.set(key, found);
    }
    return found;
  }
  /** Earliest instant whose wall time is at or after this one (memoized scan). */
  boundary(day: number, minute: number): number {
    const key = day * 1441 + minute;
    let found = this.boundaries.get(key);
    if (found === undefined) {
      const w = day * DAY + minute * MIN;
      let t = w - 14 * 3_600_000;
      while (this.wall(t) < w) t += MIN;
      found = t;
      this.boundaries.set(key, found);
    }
    return found;
  }
  format(t: number): string {
    const w = this.wall(t);
    const off = (w - t) / MIN;
    const abs = Math.abs(off);
    return `${new Date(w).toISOString().slice(0, 19)}${off < 0 ? '-' : '+'}${hhmm(abs)}`;
  }
}

/**
 * Wall tables by zone, reused by later calls that need no wider window (the property
 * test runs hundreds of cases on the same days). A fresh instance per call measures the
 * whole cost, tables included.
 */
export class WallTables {
  private readonly tables = new Map<string, WallTable[]>();

  /** A table covering local days [fromDay, toDay]. */
  get(zone: string, fromDay: number, toDay: number): WallTable {
    const list = this.tables.get(zone) ?? [];
    let table = list.find((t) => t.firstDay <= fromDay && toDay <= t.lastDay);
    if (!table) {
      table = new WallTable(zone, fromDay, Math.max(toDay, fromDay + 9));
      list.push(table);
      this.tables.set(zone, list);
    }
    return table;
  }
}

interface SeriesSpec {
  kind: 'daily' | 'weekly';
  interval: number;
  byday: number[];
}

/** Parses the supported RRULE subset: FREQ=DAILY|WEEKLY, INTERVAL, BYDAY (plain weekdays). */
function parseRule(series: AbsenceSeries): SeriesSpec {
  const parts = new Map(
    series.rrule
      .trim()
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const freq = parts.get('FREQ');
  const interval = Number(parts.get('INTERVAL') ?? 1);
  for (const key of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'BYDAY'].includes(key)) throw new Error(`reference: unsupported ${key}`);
  }
  if ((freq !== 'DAILY' && freq !== 'WEEKLY') || !(interval >= 1)) {
    throw new Error(`reference: unsupported rule '${series.rrule}'`);
  }
  if (freq === 'DAILY') {
    if (parts.has('BYDAY')) throw new Error('reference: BYDAY with DAILY is not supported');
    return { kind: 'daily', interval, byday: [] };
  }
  const byday = parts.has('BYDAY')
    ? parts
        .get('BYDAY')!
        .split(',')
        .map((d) => {
          const i = BYDAY.indexOf(d);
          if (i < 0) throw new Error(`reference: unsupported BYDAY '${d}'`);
          return i;
        })
    : [weekday(dayOf(series.startDate))]; // RFC 5545: the weekday of DTSTART
  return { kind: 'weekly', interval, byday };
}

/** The slots of `input`, computed minute by minute. */
export function referenceSlots(input: SlotInput, tables = new WallTables()): Slot[] {
  const first = dayOf(input.range.from);
  const last = dayOf(input.range.to);
  const tab = tables.get(input.timezone, first - 3, last + 3);
  const now = ms(input.now);
  const svc = input.service;
  const earliest = now + svc.minNoticeMinutes * MIN;
  const latest = now + svc.horizonDays * DAY;
  const specs = new Map<AbsenceSeries, SeriesSpec>();
  const specOf = (s: AbsenceSeries) => {
    let spec = specs.get(s);
    if (!spec) {
      spec = parseRule(s);
      specs.set(s, spec);
    }
    return spec;
  };

  const weekly = (rules: WeeklyHours): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (let d = first - 1; d <= last + 1; d++) {
      for (const r of rules[KEYS[weekday(d)]!] ?? []) {
        out.push([tab.boundary(d, minutes(r.start)), tab.boundary(d, minutes(r.end))]);
      }
    }
    return out;
  };
  const inAny = (list: Array<[number, number]>, t: number) => list.some(([a, b]) => a <= t && t < b);
  const absent = (absences: readonly Absence[], series: readonly AbsenceSeries[], t: number) => {
    const wallDay = Math.floor(tab.wall(t) / DAY);
    for (const a of absences) {
      if (
        'from' in a
          ? ms(a.from) <= t && t < ms(a.to)
          : dayOf(a.startDate) <= wallDay && wallDay <= dayOf(a.endDate)
      ) {
        return true;
      }
    }
    for (const s of series) {
      const spec = specOf(s);
      const start = dayOf(s.startDate);
      const occurs = (d: number) =>
        d >= start &&
        (s.endDate === undefined || d <= dayOf(s.endDate)) &&
        (spec.kind === 'daily'
          ? (d - start) % spec.interval === 0
          : spec.byday.includes(weekday(d)) &&
            Math.floor((d - (start - weekday(start))) / 7) % spec.interval === 0);
      if (s.allDay) {
        if (occurs(wallDay)) return true;
        continue;
      }
      const a = minutes(s.startTime!);
      const b = minutes(s.endTime!);
      for (let d = first - 2; d <= last + 1; d++) {
        if (occurs(d) && tab.boundary(d, a) <= t && t < tab.boundary(b <= a ? d + 1 : d, b)) return true;
      }
    }
    return false;
  };
  const holidays = new Set<string>();
  if (input.holidays.observe && input.holidays.state) {
    const years = [new Date((first - 1) * DAY).getUTCFullYear(), new Date((last + 1) * DAY).getUTCFullYear()];
    for (let y = years[0]!; y <= years[1]!; y++) {
      for (const h of publicHolidays(input.holidays.state, y)) holidays.add(h.date);
    }
  }
  const opening = weekly(input.openingHours);
  const centerOpen = (t: number) =>
    inAny(opening, t) &&
    !absent(input.centerAbsences, input.centerAbsenceSeries, t) &&
    !holidays.has(dateOf(Math.floor(tab.wall(t) / DAY)));

  const candidates: number[] = [];
  for (let d = first; d <= last; d++) {
    const open: boolean[] = [];
    for (const r of input.openingHours[KEYS[weekday(d)]!] ?? []) {
      for (let m = minutes(r.start); m < minutes(r.end); m++) open[m] = true;
    }
    for (let m = 0; m < 1440; m++) {
      if (!open[m] || open[m - 1]) continue; // m starts a merged run
      let end = m;
      while (open[end]) end++;
      for (let c = m; c < end; c += svc.stepMinutes) {
        const t = tab.instant(d, c);
        if (t !== null) candidates.push(t);
      }
    }
  }
  candidates.sort((a, b) => a - b);

  const dur = svc.durationMinutes * MIN;
  const everyMinute = (from: number, to: number, ok: (t: number) => boolean) => {
    for (let t = from; t < to; t += MIN) if (!ok(t)) return false;
    return true;
  };
  const blockedOf = (pick: (b: SlotInput['blocked'][number]) => boolean) =>
    input.blocked.filter(pick).map((b): [number, number] => [ms(b.from), ms(b.to)]);
  const counselors = input.counselors
    .filter((c) => svc.counselorIds.includes(c.id))
    .map((c) => ({ c, avail: weekly(c.availability), blocked: blockedOf((b) => b.counselorId === c.id) }));
  const rooms = input.rooms.map((r) => ({ r, blocked: blockedOf((b) => b.roomId === r.id) }));

  const out: Slot[] = [];
  for (const s of candidates) {
    if (s < earliest || s > latest) continue;
    if (!everyMinute(s, s + dur, centerOpen)) continue;
    const bufferFrom = s - svc.bufferBeforeMinutes * MIN;
    const bufferTo = s + dur + svc.bufferAfterMinutes * MIN;
    const counselorIds = counselors
      .filter(
        ({ c, avail, blocked }) =>
          everyMinute(s, s + dur, (t) => inAny(avail, t) && !absent(c.absences, c.absenceSeries, t)) &&
          everyMinute(bufferFrom, bufferTo, (t) => !inAny(blocked, t)),
      )
      .map(({ c }) => c.id);
    if (counselorIds.length === 0) continue;
    const roomIds = !svc.needsRoom
      ? []
      : rooms
          .filter(
            ({ r, blocked }) =>
              everyMinute(s, s + dur, (t) => !absent(r.absences, r.absenceSeries, t)) &&
              everyMinute(bufferFrom, bufferTo, (t) => !inAny(blocked, t)),
          )
          .map(({ r }) => r.id);
    if (svc.needsRoom && roomIds.length === 0) continue;
    const slot: Slot = {
      start: tab.format(s),
      end: tab.format(s + dur),
      counselorIds,
      roomIds,
    };
    if (svc.capacity > 1) {
      const taken = (input.groupBookings ?? [])
        .filter((b) => ms(b.start) === s)
        .reduce((n, b) => n + b.seats, 0);
      if (svc.capacity - taken <= 0) continue;
      slot.seatsLeft = svc.capacity - taken;
    }
    out.push(slot);
  }
  return out;
}
