/**
 * Property test: computeSlots against a slow, obviously-correct reference that
 * enumerates candidate starts from a per-minute opening table and checks every minute
 * of every candidate against every rule. The reference converts local times with
 * Intl (a per-minute table of the wall clock), not with luxon, and evaluates the
 * generated RRULEs (DAILY/WEEKLY with INTERVAL and BYDAY) by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicHolidays } from './holidays';
import { computeSlots, type Absence, type SlotInput, type WeeklyHours } from './slots';
import type { AbsenceSeries } from './series';

const MIN = 60_000;
const DAY = 86_400_000;
const KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const ZONES: Record<string, string[]> = {
  'Europe/Berlin': [
    '2026-10-24',
    '2026-10-25',
    '2027-03-27',
    '2027-03-28',
    '2027-10-30',
    '2027-10-31',
    '2026-12-24',
    '2027-05-26',
    '2026-06-01',
  ],
  'America/New_York': ['2026-03-08', '2026-10-31', '2026-06-01'],
};

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const weekday = (day: number) => (new Date(day * DAY).getUTCDay() + 6) % 7; // 0 = Monday
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Wall clock (as UTC ms) of every minute instant in a window, via Intl. */
class WallTable {
  readonly t0: number;
  readonly walls: number[] = [];
  constructor(zone: string, firstDay: number, lastDay: number) {
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
  /** Earliest instant showing exactly this wall time, or null. */
  instant(day: number, minute: number): number | null {
    const w = day * DAY + minute * MIN;
    for (let t = w - 14 * 3_600_000; t <= w + 14 * 3_600_000; t += MIN) if (this.wall(t) === w) return t;
    return null;
  }
  /** Earliest instant whose wall time is at or after this one. */
  boundary(day: number, minute: number): number {
    const w = day * DAY + minute * MIN;
    for (let t = w - 14 * 3_600_000; ; t += MIN) if (this.wall(t) >= w) return t;
  }
  format(t: number): string {
    const w = this.wall(t);
    const off = (w - t) / MIN;
    const abs = Math.abs(off);
    return `${new Date(w).toISOString().slice(0, 19)}${off < 0 ? '-' : '+'}${hhmm(abs)}`;
  }
}
const tables = new Map<string, WallTable>();
function tableFor(zone: string, startDate: string): WallTable {
  const key = `${zone} ${startDate}`;
  let t = tables.get(key);
  if (!t) {
    const d = dayOf(startDate);
    t = new WallTable(zone, d - 3, d + 6);
    tables.set(key, t);
  }
  return t;
}

interface Gen {
  zone: string;
  startDate: string;
  days: number;
  input: SlotInput;
  series: Map<AbsenceSeries, { kind: 'daily' | 'weekly'; interval: number; byday: number[] }>;
}

function reference(g: Gen) {
  const { input } = g;
  const tab = tableFor(g.zone, g.startDate);
  const first = dayOf(input.range.from);
  const last = dayOf(input.range.to);
  const now = typeof input.now === 'number' ? input.now : Date.parse(String(input.now));
  const ms = (x: unknown) => (typeof x === 'number' ? x : Date.parse(String(x)));
  const svc = input.service;
  const earliest = now + svc.minNoticeMinutes * MIN;
  const latest = now + svc.horizonDays * DAY;

  const weekly = (rules: WeeklyHours): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (let d = first - 1; d <= last + 1; d++) {
      for (const r of rules[KEYS[weekday(d)]!] ?? []) {
        const [a, b] = [r.start, r.end].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
        out.push([tab.boundary(d, a!), tab.boundary(d, b!)]);
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
      const spec = g.series.get(s)!;
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
      const a = Number(s.startTime!.slice(0, 2)) * 60 + Number(s.startTime!.slice(3));
      const b = Number(s.endTime!.slice(0, 2)) * 60 + Number(s.endTime!.slice(3));
      for (let d = first - 2; d <= last + 1; d++) {
        if (occurs(d) && tab.boundary(d, a) <= t && t < tab.boundary(b <= a ? d + 1 : d, b)) return true;
      }
    }
    return false;
  };
  const holidays = new Set<string>();
  if (input.holidays.observe && input.holidays.state) {
    for (const y of [2026, 2027])
      for (const h of publicHolidays(input.holidays.state, y)) holidays.add(h.date);
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
      const [a, b] = [r.start, r.end].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
      for (let m = a!; m < b!; m++) open[m] = true;
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

  const out = [];
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
    const slot: Record<string, unknown> = {
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

// ---- generators ----------------------------------------------------------------

const quarter = (lo: number, hi: number) => fc.integer({ min: lo / 15, max: hi / 15 }).map((q) => q * 15);
const timeRange = fc
  .tuple(quarter(0, 1425), fc.integer({ min: 1, max: 40 }))
  .map(([a, len]) => ({ start: hhmm(a), end: hhmm(Math.min(1440, a + len * 15)) }));
// biased toward the DST hours
const nightRange = fc
  .tuple(quarter(0, 240), quarter(15, 300))
  .map(([a, len]) => ({ start: hhmm(a), end: hhmm(Math.min(1440, a + len)) }));
const weeklyHours: fc.Arbitrary<WeeklyHours> = fc
  .array(
    fc.oneof(
      timeRange,
      nightRange,
      fc.constant({ start: '09:00', end: '12:00' }),
      fc.constant({ start: '12:00', end: '15:00' }),
    ),
    {
      maxLength: 3,
    },
  )
  .chain((ranges) =>
    fc
      .record({
        extra: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), timeRange), { maxLength: 3 }),
        split: fc.boolean(),
      })
      .map(({ extra, split }) => {
        const h: Record<string, Array<{ start: string; end: string }>> = {};
        const first = ranges[0];
        const toMin = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3));
        if (split && first && toMin(first.end) - toMin(first.start) >= 30) {
          // touching rules must merge: [a, mid) + [mid, b)
          const mid = toMin(first.start) + Math.floor((toMin(first.end) - toMin(first.start)) / 30) * 15;
          ranges = [
            { start: first.start, end: hhmm(mid) },
            { start: hhmm(mid), end: first.end },
            ...ranges.slice(1),
          ];
        }
        for (const k of KEYS) h[k] = [...ranges];
        for (const [d, r] of extra) h[KEYS[d]!]!.push(r);
        return h as WeeklyHours;
      }),
  );

function scenario(zone: string, startDate: string) {
  const d0 = dayOf(startDate);
  const instant = fc.integer({ min: -8, max: 4 * 96 }).map((q) => d0 * DAY + q * 15 * MIN);
  const instantRange = fc
    .tuple(instant, fc.integer({ min: 1, max: 16 }))
    .map(([a, len]) => ({ from: new Date(a).toISOString(), to: a + len * 15 * MIN }));
  const absence: fc.Arbitrary<Absence> = fc.oneof(
    { weight: 4, arbitrary: instantRange },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: -1, max: 3 })
        .map((k) => ({ startDate: dateOf(d0 + k), endDate: dateOf(d0 + k) })),
    },
  );
  const seriesSpec = fc.record({
    kind: fc.constantFrom('daily' as const, 'weekly' as const),
    interval: fc.integer({ min: 1, max: 3 }),
    byday: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
    start: fc.integer({ min: -10, max: 2 }),
    end: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    allDay: fc.boolean(),
    window: fc.oneof(
      timeRange,
      nightRange,
      fc.tuple(quarter(0, 1425), quarter(0, 1425)).map(([a, b]) => ({ start: hhmm(a), end: hhmm(b) })),
    ),
  });
  return fc
    .record({
      days: fc.integer({ min: 1, max: 3 }),
      opening: weeklyHours,
      centerAbsences: fc.array(absence, { maxLength: 2 }),
      centerSeries: fc.array(seriesSpec, { maxLength: 1 }),
      holidays: fc.record({ state: fc.constantFrom('NW', 'BE', 'BY'), observe: fc.boolean() }),
      counselors: fc.array(
        fc.record({
          availability: fc.oneof(
            weeklyHours,
            fc.constant({ ...Object.fromEntries(KEYS.map((k) => [k, [{ start: '00:00', end: '24:00' }]])) }),
          ),
          absences: fc.array(absence, { maxLength: 2 }),
          series: fc.array(seriesSpec, { maxLength: 2 }),
          qualified: fc.oneof(fc.constant(true), fc.boolean()),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      rooms: fc.array(
        fc.record({
          absences: fc.array(absence, { maxLength: 2 }),
          series: fc.array(seriesSpec, { maxLength: 1 }),
        }),
        {
          maxLength: 2,
        },
      ),
      blocked: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), instantRange), { maxLength: 5 }),
      service: fc.record({
        durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
        bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 15),
        bufferAfterMinutes: fc.constantFrom(0, 0, 10, 30),
        stepMinutes: fc.constantFrom(15, 20, 30, 45, 60),
        needsRoom: fc.boolean(),
        minNoticeMinutes: fc.constantFrom(0, 0, 0, 90, 600),
        horizonDays: fc.constantFrom(1, 2, 30, 30),
        capacity: fc.constantFrom(1, 1, 3),
      }),
      nowQ: fc.integer({ min: -2 * 96, max: 96 }),
      group: fc.array(fc.tuple(instant, fc.integer({ min: 1, max: 2 })), { maxLength: 4 }),
    })
    .map((r): Gen => {
      const series = new Map<
        AbsenceSeries,
        { kind: 'daily' | 'weekly'; interval: number; byday: number[] }
      >();
      const mkSeries = (list: Array<(typeof r.centerSeries)[number]>) =>
        list.map((s) => {
          const rule =
            s.kind === 'daily'
              ? `FREQ=DAILY;INTERVAL=${s.interval}`
              : `FREQ=WEEKLY;INTERVAL=${s.interval};BYDAY=${s.byday.map((b) => BYDAY[b]).join(',')}`;
          const out: AbsenceSeries = {
            rrule: rule,
            startDate: dateOf(d0 + s.start),
            ...(s.end === undefined ? {} : { endDate: dateOf(d0 + s.end) }),
            ...(s.allDay ? { allDay: true } : { startTime: s.window.start, endTime: s.window.end }),
          };
          series.set(out, s);
          return out;
        });
      const counselors = r.counselors.map((c, i) => ({
        id: `c${i}`,
        availability: c.availability,
        absences: c.absences,
        absenceSeries: mkSeries(c.series),
      }));
      const input: SlotInput = {
        timezone: zone,
        openingHours: r.opening,
        holidays: r.holidays,
        centerAbsences: r.centerAbsences,
        centerAbsenceSeries: mkSeries(r.centerSeries),
        rooms: r.rooms.map((x, i) => ({
          id: `r${i}`,
          absences: x.absences,
          absenceSeries: mkSeries(x.series),
        })),
        counselors,
        service: {
          ...r.service,
          counselorIds: counselors.filter((_, i) => r.counselors[i]!.qualified).map((c) => c.id),
        },
        blocked: r.blocked.map(([k, range]) =>
          k < 3 ? { counselorId: `c${k}`, ...range } : { roomId: `r${k - 3}`, ...range },
        ),
        groupBookings: r.group.map(([start, seats]) => ({ start, seats })),
        range: { from: startDate, to: dateOf(d0 + r.days - 1) },
        now: d0 * DAY + r.nowQ * 15 * MIN,
      };
      return { zone, startDate, days: r.days, input, series };
    });
}

const arbitrary = fc
  .constantFrom(...Object.entries(ZONES).flatMap(([zone, dates]) => dates.map((d) => [zone, d] as const)))
  .chain(([zone, date]) => scenario(zone, date));

describe('computeSlots matches the minute-by-minute reference', () => {
  it('on random schedules with series, rooms, buffers and DST days', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(arbitrary, (g) => {
        const expected = reference(g);
        if (expected.length > 0) nonEmpty++;
        expect(computeSlots(g.input)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
    expect(nonEmpty).toBeGreaterThan(30);
  });
});
