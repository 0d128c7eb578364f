import { IANAZone } from 'luxon';

/**
 * Local calendar arithmetic without the process time zone: a local date is a day
 * number (days since 1970-01-01) and a local time is minutes after midnight; "wall
 * milliseconds" are the local wall-clock time written as if it were UTC. Conversion to
 * instants uses luxon's IANA zone offsets only, never formatting and re-parsing.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const MARGIN_MS = 14 * 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

const parsedDates = new Map<string, number>();

/** 'YYYY-MM-DD' → day number. */
export function parseDate(date: string): number {
  const known = parsedDates.get(date);
  if (known !== undefined) return known;
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`invalid local date '${date}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new Error(`invalid local date '${date}'`);
  }
  if (parsedDates.size >= 100_000) parsedDates.clear();
  parsedDates.set(date, ms / DAY_MS);
  return ms / DAY_MS;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Day number → 'YYYY-MM-DD'. */
export function formatDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Weekday of a day number, 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function weekdayOf(day: number): Weekday {
  return WEEKDAYS[weekdayIndex(day)]!;
}

const parsedTimes = new Map<string, number>();

/** 'HH:mm' → minutes after midnight; '24:00' is allowed (the end of the day). */
export function parseTime(time: string): number {
  const known = parsedTimes.get(time);
  if (known !== undefined) return known;
  const m = TIME_RE.exec(time);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new Error(`invalid local time '${time}'`);
  }
  parsedTimes.set(time, h * 60 + min); // at most 1441 valid texts
  return h * 60 + min;
}

/** 'HH:MM' for every minute of a day (and '24:00'). */
const CLOCK = Array.from({ length: 1441 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);

/** Clears a memo map before it grows without bound in a long-running process. */
function bounded<K, V>(map: Map<K, V>, limit: number): Map<K, V> {
  if (map.size >= limit) map.clear();
  return map;
}
const CACHE_LIMIT = 100_000;

/** Day number → 'YYYY-MM-DD', memoized (the same days are formatted over and over). */
const dateTexts = new Map<number, string>();
function dateText(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = formatDate(day);
    bounded(dateTexts, CACHE_LIMIT).set(day, text);
  }
  return text;
}

function offsetText(offset: number): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const calendars = new Map<string, ZoneCalendar>();

/**
 * The shared calendar of a zone. Its memos (offsets per local day, conversions on
 * transition days) only hold values derived from the zone rules, so sharing it between
 * calls keeps `computeSlots` pure while sparing the luxon/Intl look-ups on every call.
 */
export function zoneCalendar(name: string): ZoneCalendar {
  let cal = calendars.get(name);
  if (!cal) {
    cal = new ZoneCalendar(name);
    bounded(calendars, 1_000).set(name, cal);
  }
  return cal;
}

/**
 * A time zone's calendar. Caches, per local day, whether the UTC offset is the same
 * throughout the day (then conversion is plain arithmetic); days with a transition
 * are resolved with luxon's offsets for each time (and memoized).
 */
export class ZoneCalendar {
  readonly zone: IANAZone;
  private readonly uniform = new Map<number, number | null>();
  /** Conversions on days with a transition, keyed by day × 1441 + minute. */
  private readonly irregular = new Map<number, number | null>();
  private readonly irregularBoundaries = new Map<number, number>();
  /** Per offset, the time-of-day and offset part of `formatISO` for each minute. */
  private readonly suffixes = new Map<number, string[]>();

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) throw new Error(`invalid time zone '${name}'`);
  }

  /**
   * Offset in minutes if constant over every instant within 14 h of local `day`'s wall
   * clock span (so every wall time of that day converts with it), else null.
   */
  uniformOffset(day: number): number | null {
    let u = this.uniform.get(day);
    if (u === undefined) {
      const a = this.zone.offset(day * DAY_MS - MARGIN_MS);
      const b = this.zone.offset((day + 1) * DAY_MS + MARGIN_MS);
      u = a === b ? a : null;
      bounded(this.uniform, CACHE_LIMIT).set(day, u);
    }
    return u;
  }

  /** UTC offset in minutes at an instant. */
  offsetAt(ts: number): number {
    return this.uniformOffset(Math.floor(ts / DAY_MS)) ?? this.zone.offset(ts);
  }

  /** The instants (0, 1 or 2, ascending) at which the wall clock shows `wall`. */
  private instantsOf(wall: number): number[] {
    const before = this.zone.offset(wall - DAY_MS);
    const after = this.zone.offset(wall + DAY_MS);
    const out: number[] = [];
    for (const o of before === after ? [before] : [after, before]) {
      const t = wall - o * MINUTE_MS;
      if (this.zone.offset(t) === o) out.push(t);
    }
    return out.sort((x, y) => x - y);
  }

  /**
   * The instant of local `day` at `minute` (0…1440): null if that local time does not
   * exist (spring forward), the earlier instant if it is ambiguous (fall back).
   */
  toInstant(day: number, minute: number): number | null {
    const wall = day * DAY_MS + minute * MINUTE_MS;
    const u = this.uniformOffset(day);
    if (u !== null) return wall - u * MINUTE_MS;
    const key = day * 1441 + minute;
    let t = this.irregular.get(key);
    if (t === undefined) {
      t = this.instantsOf(wall)[0] ?? null;
      bounded(this.irregular, CACHE_LIMIT).set(key, t);
    }
    return t;
  }

  /**
   * The instant at which a rule boundary at local `day`/`minute` lies: like
   * `toInstant`, but a nonexistent local time maps to the transition instant (the first
   * instant whose wall-clock time is at or after it), so intervals stay contiguous.
   */
  boundary(day: number, minute: number): number {
    const exact = this.toInstant(day, minute);
    if (exact !== null) return exact;
    const key = day * 1441 + minute;
    const known = this.irregularBoundaries.get(key);
    if (known !== undefined) return known;
    const wall = day * DAY_MS + minute * MINUTE_MS;
    const before = this.zone.offset(wall - DAY_MS);
    const after = this.zone.offset(wall + DAY_MS);
    let lo = wall - after * MINUTE_MS; // still has the old offset
    let hi = wall - before * MINUTE_MS; // already has the new offset
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (this.zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    bounded(this.irregularBoundaries, CACHE_LIMIT).set(key, hi);
    return hi;
  }

  /** ISO 8601 with the zone's offset at that instant, e.g. 2026-10-25T02:30:00+02:00. */
  formatISO(ts: number): string {
    const offset = this.offsetAt(ts);
    const wall = ts + offset * MINUTE_MS;
    const day = Math.floor(wall / DAY_MS);
    const minute = (wall - day * DAY_MS) / MINUTE_MS;
    if (Number.isInteger(minute)) {
      // the common case, a whole minute: the cached date and the cached
      // 'THH:MM:00+hh:mm' of that minute and offset, joined once
      let suffixes = this.suffixes.get(offset);
      if (suffixes === undefined) {
        suffixes = new Array<string>(1441);
        bounded(this.suffixes, 1_000).set(offset, suffixes);
      }
      const suffix = (suffixes[minute] ??= `T${CLOCK[minute]!}:00${offsetText(offset)}`);
      return dateText(day) + suffix;
    }
    const d = new Date(wall);
    return (
      `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
      `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
      offsetText(offset)
    );
  }
}

/** Parses an instant: epoch ms, a Date, or ISO 8601 text with an explicit offset or Z. */
export function toEpochMs(instant: string | number | Date): number {
  if (typeof instant === 'number') return instant;
  if (instant instanceof Date) return instant.getTime();
  if (!/T.*([zZ]|[+-]\d{2}(:?\d{2})?)$/.test(instant)) {
    throw new Error(`instant '${instant}' needs an explicit offset`);
  }
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`invalid instant '${instant}'`);
  return ms;
}
