import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { referenceSlots } from '../src/scheduling/reference';
import { computeSlots, type SlotInput, type WeeklyHours } from '../src/scheduling/slots';
import type { Row } from './run';

const RUNS = 50;
const WARM_UP = 10;
/** The brute-force reference takes seconds per run. */
const REFERENCE_RUNS = 3;
const DAY = 86_400_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A center with 30 counselors, 10 rooms, 5,000 bookings and 100 absences (30 series). */
export function slotBenchInput(): SlotInput {
  const random = rng(42);
  const weekdays = (start: string, end: string): WeeklyHours => ({
    mon: [{ start, end }],
    tue: [{ start, end }],
    wed: [{ start, end }],
    thu: [{ start, end }],
    fri: [{ start, end }],
  });
  const from = Date.parse('2026-09-28T00:00:00Z');
  const days = 42;
  const counselors = Array.from({ length: 30 }, (_, i) => ({
    id: `c${i}`,
    availability: i % 3 === 0 ? weekdays('08:00', '16:00') : weekdays('10:00', '18:00'),
    absences: [] as Array<{ from: string; to: string }>,
    absenceSeries: [] as SlotInput['counselors'][number]['absenceSeries'][number][],
  }));
  const rooms = Array.from({ length: 10 }, (_, i) => ({
    id: `r${i}`,
    absences: [] as Array<{ from: string; to: string }>,
    absenceSeries: [] as SlotInput['rooms'][number]['absenceSeries'][number][],
  }));
  // 70 one-off absences and 30 series
  for (let i = 0; i < 70; i++) {
    const start = from + Math.floor(random() * days) * DAY + (6 + Math.floor(random() * 8)) * 3_600_000;
    const absence = {
      from: new Date(start).toISOString(),
      to: new Date(start + (1 + Math.floor(random() * 48)) * 3_600_000).toISOString(),
    };
    if (i < 60) counselors[i % 30]!.absences.push(absence);
    else rooms[i % 10]!.absences.push(absence);
  }
  for (let i = 0; i < 30; i++) {
    const series = {
      rrule: `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}`,
      startDate: '2026-09-01',
      endDate: '2027-03-31',
      startTime: '12:00',
      endTime: '13:00',
    };
    if (i < 25) counselors[i]!.absenceSeries.push(series);
    else rooms[i - 25]!.absenceSeries.push(series);
  }
  const blocked: SlotInput['blocked'][number][] = [];
  for (let i = 0; i < 5_000; i++) {
    const start =
      from + Math.floor(random() * days) * DAY + (6 * 60 + Math.floor(random() * 40) * 15) * 60_000;
    const end = start + (30 + Math.floor(random() * 4) * 15) * 60_000;
    blocked.push({ counselorId: `c${i % 30}`, roomId: `r${i % 10}`, from: start, to: end });
  }
  return {
    timezone: 'Europe/Berlin',
    openingHours: {
      ...weekdays('08:00', '12:00'),
      ...{
        mon: [
          { start: '08:00', end: '12:00' },
          { start: '12:00', end: '18:00' },
        ],
      },
      tue: [{ start: '08:00', end: '18:00' }],
      wed: [{ start: '08:00', end: '18:00' }],
      thu: [{ start: '08:00', end: '18:00' }],
      fri: [{ start: '08:00', end: '15:00' }],
    },
    holidays: { state: 'NW', observe: true },
    centerAbsences: [],
    centerAbsenceSeries: [],
    rooms,
    counselors,
    service: {
      durationMinutes: 45,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      stepMinutes: 15,
      needsRoom: true,
      counselorIds: counselors.map((c) => c.id),
      minNoticeMinutes: 120,
      horizonDays: 90,
      capacity: 1,
    },
    blocked,
    range: { from: '2026-09-28', to: '2026-11-08' },
    now: '2026-09-27T12:00:00+02:00',
  };
}

export async function benchSlots(): Promise<Row[]> {
  const input = slotBenchInput();
  let slots = 0;
  for (let i = 0; i < WARM_UP; i++) slots = computeSlots(input).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    computeSlots(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const detail = `6 weeks (incl. DST end 2026-10-25), 30 counselors, 10 rooms, 5,000 bookings, 100 absences (30 series), step 15 min, ${slots} slots, ${RUNS} runs`;

  // Brute-force baseline: the property test's minute-by-minute reference on the same
  // input (after the engine's runs, so its garbage does not disturb them). It must
  // produce the same slots, which also checks the engine on this input.
  const referenceTimes: number[] = [];
  for (let i = 0; i < REFERENCE_RUNS; i++) {
    const t0 = performance.now();
    const expected = referenceSlots(input);
    referenceTimes.push(performance.now() - t0);
    // JSON round trip: the engine's id arrays are preallocated (holey), the reference's are not
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(computeSlots(input))), expected)) {
      throw new Error('slot engine and minute-by-minute reference disagree on the benchmark input');
    }
  }
  referenceTimes.sort((a, b) => a - b);
  const engineMedian = percentile(times, 50);
  const referenceMedian = percentile(referenceTimes, 50);
  return [
    {
      benchmark: 'slot engine (pure), median',
      database: '-',
      figure: `${engineMedian.toFixed(2)} ms`,
      detail,
    },
    {
      benchmark: 'slot engine (pure), p95',
      database: '-',
      figure: `${percentile(times, 95).toFixed(2)} ms`,
      detail,
    },
    {
      benchmark: 'slot brute-force baseline, median',
      database: '-',
      figure: `${Math.round(referenceMedian).toLocaleString('en-US')} ms`,
      detail: `minute-by-minute reference (src/scheduling/reference.ts) on the same input, same ${slots} slots, ${REFERENCE_RUNS} runs; ${Math.round(referenceMedian / engineMedian).toLocaleString('en-US')}× the engine's median`,
    },
  ];
}
