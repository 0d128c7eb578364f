import { describe, expect, it } from 'vitest';
import { contains, intersect, merge, overlaps, subtract } from './intervals';
import { ZoneCalendar, parseDate } from './local-time';
import { easterSunday, publicHolidays, STATES } from './holidays';
import { seriesDays } from './series';
import { computeSlots, type SlotInput } from './slots';

const BERLIN = 'Europe/Berlin';
const ALL_WEEK = (start: string, end: string) => ({
  mon: [{ start, end }],
  tue: [{ start, end }],
  wed: [{ start, end }],
  thu: [{ start, end }],
  fri: [{ start, end }],
  sat: [{ start, end }],
  sun: [{ start, end }],
});

function input(
  over: Partial<Omit<SlotInput, 'service'>> & { service?: Partial<SlotInput['service']> },
): SlotInput {
  const { service, ...rest } = over;
  return {
    timezone: BERLIN,
    openingHours: ALL_WEEK('09:00', '12:00'),
    holidays: { observe: false },
    centerAbsences: [],
    centerAbsenceSeries: [],
    rooms: [],
    counselors: [{ id: 'c1', availability: ALL_WEEK('00:00', '24:00'), absences: [], absenceSeries: [] }],
    blocked: [],
    range: { from: '2026-06-01', to: '2026-06-01' },
    now: '2026-01-01T00:00:00Z',
    ...rest,
    service: {
      durationMinutes: 60,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      stepMinutes: 30,
      needsRoom: false,
      counselorIds: ['c1'],
      minNoticeMinutes: 0,
      horizonDays: 3650,
      capacity: 1,
      ...service,
    },
  };
}
const starts = (i: SlotInput) => computeSlots(i).map((s) => s.start);

describe('intervals', () => {
  it('merges touching and overlapping intervals', () => {
    expect(
      merge([
        [5, 7],
        [0, 3],
        [3, 4],
        [6, 9],
        [10, 10],
      ]),
    ).toEqual([
      [0, 4],
      [5, 9],
    ]);
  });
  it('intersects, subtracts, contains', () => {
    const a = merge([
      [0, 10],
      [20, 30],
    ]);
    const b = merge([[5, 25]]);
    expect(intersect(a, b)).toEqual([
      [5, 10],
      [20, 25],
    ]);
    expect(subtract(a, b)).toEqual([
      [0, 5],
      [25, 30],
    ]);
    expect(
      subtract(
        a,
        merge([
          [2, 3],
          [4, 6],
          [20, 30],
        ]),
      ),
    ).toEqual([
      [0, 2],
      [3, 4],
      [6, 10],
    ]);
    expect(contains(a, 20, 30)).toBe(true);
    expect(contains(a, 9, 11)).toBe(false);
    expect(overlaps(a, 10, 20)).toBe(false);
    expect(overlaps(a, 9, 20)).toBe(true);
  });
});

describe('local time', () => {
  const cal = new ZoneCalendar(BERLIN);
  it('skips nonexistent and takes the earlier ambiguous instant', () => {
    expect(cal.toInstant(parseDate('2027-03-28'), 150)).toBeNull();
    expect(cal.toInstant(parseDate('2026-10-25'), 150)).toBe(Date.parse('2026-10-25T02:30:00+02:00'));
    expect(cal.toInstant(parseDate('2027-10-31'), 120)).toBe(Date.parse('2027-10-31T02:00:00+02:00'));
    expect(cal.boundary(parseDate('2027-03-28'), 150)).toBe(Date.parse('2027-03-28T03:00:00+02:00'));
    expect(cal.formatISO(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
  });
});

describe('holidays', () => {
  it('computes Easter and state holidays', () => {
    expect(easterSunday(2027)).toBe(parseDate('2027-03-28'));
    const nw = publicHolidays('NW', 2027).map((h) => h.date);
    expect(nw).toContain('2027-05-27');
    expect(publicHolidays('BE', 2027).map((h) => h.date)).not.toContain('2027-05-27');
    expect(publicHolidays('SN', 2026).map((h) => h.date)).toContain('2026-11-18');
    expect(publicHolidays('BE', 2026).map((h) => h.date)).toContain('2026-03-08');
    expect(STATES).toHaveLength(16);
    expect(() => publicHolidays('XX', 2026)).toThrow();
  });
});

describe('computeSlots', () => {
  it('offers opening start + k × step and merges touching opening intervals', () => {
    const s = starts(
      input({
        openingHours: {
          mon: [
            { start: '12:00', end: '15:00' },
            { start: '09:00', end: '12:00' },
          ],
        },
        service: { durationMinutes: 90, stepMinutes: 45 },
      }),
    );
    // 2026-06-01 is a Monday; 11:15–12:45 spans the touching boundary
    expect(s).toEqual([
      '2026-06-01T09:00:00+02:00',
      '2026-06-01T09:45:00+02:00',
      '2026-06-01T10:30:00+02:00',
      '2026-06-01T11:15:00+02:00',
      '2026-06-01T12:00:00+02:00',
      '2026-06-01T12:45:00+02:00',
      '2026-06-01T13:30:00+02:00',
    ]);
  });

  it('merges rules that touch at midnight (00:00–24:00 on consecutive days)', () => {
    const s = starts(
      input({
        openingHours: ALL_WEEK('00:00', '24:00'),
        range: { from: '2026-06-01', to: '2026-06-01' },
        service: { durationMinutes: 120, stepMinutes: 60 },
      }),
    );
    // 23:00 ends 01:00 the next day: inside both the opening hours and the availability
    expect(s).toHaveLength(24);
    expect(s.at(-1)).toBe('2026-06-01T23:00:00+02:00');
  });

  it('fall back 2026-10-25: 01:00–04:00 offers 02:30 once (the earlier instant)', () => {
    const slots = computeSlots(
      input({
        openingHours: ALL_WEEK('01:00', '04:00'),
        range: { from: '2026-10-25', to: '2026-10-25' },
        service: { durationMinutes: 30, stepMinutes: 30 },
      }),
    );
    expect(slots.map((s) => s.start)).toEqual([
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T01:30:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:30:00+02:00',
      '2026-10-25T03:00:00+01:00',
      '2026-10-25T03:30:00+01:00',
    ]);
    expect(slots[3]!.end).toBe('2026-10-25T02:00:00+01:00');
    // a 3-hour service fits: 01:00 CEST → 03:00 CET is 3 real hours, still before 04:00 CET
    expect(
      starts(
        input({
          openingHours: ALL_WEEK('01:00', '04:00'),
          range: { from: '2026-10-25', to: '2026-10-25' },
          service: { durationMinutes: 240, stepMinutes: 30 },
        }),
      ),
    ).toEqual(['2026-10-25T01:00:00+02:00']);
  });

  it('spring forward 2027-03-28: 02:30 does not exist and is skipped', () => {
    const slots = computeSlots(
      input({
        openingHours: ALL_WEEK('01:00', '04:00'),
        range: { from: '2027-03-28', to: '2027-03-28' },
        service: { durationMinutes: 30, stepMinutes: 30 },
      }),
    );
    expect(slots.map((s) => s.start)).toEqual([
      '2027-03-28T01:00:00+01:00',
      '2027-03-28T01:30:00+01:00',
      '2027-03-28T03:00:00+02:00',
      '2027-03-28T03:30:00+02:00',
    ]);
    expect(slots[1]!.end).toBe('2027-03-28T03:00:00+02:00');
    // opening 02:30–05:00 starts at the transition; its candidates 02:30 is skipped
    expect(
      starts(
        input({
          openingHours: ALL_WEEK('02:30', '05:00'),
          range: { from: '2027-03-28', to: '2027-03-28' },
          service: { durationMinutes: 60, stepMinutes: 60 },
        }),
      ),
    ).toEqual(['2027-03-28T03:30:00+02:00']);
  });

  it('fall back 2027-10-31 with a blocked repeated hour', () => {
    const s = starts(
      input({
        openingHours: ALL_WEEK('01:00', '04:00'),
        range: { from: '2027-10-31', to: '2027-10-31' },
        blocked: [{ counselorId: 'c1', from: '2027-10-31T02:00:00+01:00', to: '2027-10-31T03:00:00+01:00' }],
        service: { durationMinutes: 30, stepMinutes: 30 },
      }),
    );
    expect(s).toEqual([
      '2027-10-31T01:00:00+02:00',
      '2027-10-31T01:30:00+02:00',
      '2027-10-31T02:00:00+02:00',
      '2027-10-31T02:30:00+02:00',
      '2027-10-31T03:00:00+01:00',
      '2027-10-31T03:30:00+01:00',
    ]);
    // with 45 minutes after-buffer, 02:30 CEST (ends 02:00 CET) now overlaps the block
    expect(
      starts(
        input({
          openingHours: ALL_WEEK('01:00', '04:00'),
          range: { from: '2027-10-31', to: '2027-10-31' },
          blocked: [
            { counselorId: 'c1', from: '2027-10-31T02:00:00+01:00', to: '2027-10-31T03:00:00+01:00' },
          ],
          service: { durationMinutes: 30, stepMinutes: 30, bufferAfterMinutes: 1 },
        }),
      ),
    ).not.toContain('2027-10-31T02:30:00+02:00');
  });

  it('applies buffers against blocked ranges but not against opening hours', () => {
    const blocked = [
      { counselorId: 'c1', from: '2026-06-01T10:00:00+02:00', to: '2026-06-01T10:30:00+02:00' },
    ];
    expect(starts(input({ blocked, service: { durationMinutes: 30 } }))).toEqual([
      '2026-06-01T09:00:00+02:00',
      '2026-06-01T09:30:00+02:00',
      '2026-06-01T10:30:00+02:00',
      '2026-06-01T11:00:00+02:00',
      '2026-06-01T11:30:00+02:00',
    ]);
    expect(
      starts(
        input({ blocked, service: { durationMinutes: 30, bufferBeforeMinutes: 15, bufferAfterMinutes: 1 } }),
      ),
    ).toEqual(['2026-06-01T09:00:00+02:00', '2026-06-01T11:00:00+02:00', '2026-06-01T11:30:00+02:00']);
    // a blocked range of another counselor does not matter
    expect(
      starts(input({ blocked: [{ ...blocked[0]!, counselorId: 'c2' }], service: { durationMinutes: 30 } })),
    ).toHaveLength(6);
  });

  it('applies minimum notice and horizon inclusively', () => {
    const s = starts(
      input({
        now: '2026-06-01T08:30:00+02:00',
        range: { from: '2026-06-01', to: '2026-06-03' },
        service: { durationMinutes: 60, minNoticeMinutes: 60, horizonDays: 1 },
      }),
    );
    expect(s).toEqual([
      '2026-06-01T09:30:00+02:00',
      '2026-06-01T10:00:00+02:00',
      '2026-06-01T10:30:00+02:00',
      '2026-06-01T11:00:00+02:00',
    ]);
    const s2 = starts(
      input({
        now: '2026-06-01T09:00:00+02:00',
        range: { from: '2026-06-01', to: '2026-06-03' },
        service: { durationMinutes: 60, horizonDays: 1 },
      }),
    );
    expect(s2.at(-1)).toBe('2026-06-02T09:00:00+02:00');
  });

  it('closes on public holidays when observed', () => {
    const christmas = input({
      range: { from: '2026-12-24', to: '2026-12-25' },
      holidays: { state: 'NW', observe: true },
      service: { durationMinutes: 180 },
    });
    expect(starts(christmas)).toEqual(['2026-12-24T09:00:00+01:00']);
    expect(starts({ ...christmas, holidays: { state: 'NW', observe: false } })).toHaveLength(2);
    const corpusChristi = (state: string) =>
      starts(
        input({
          range: { from: '2027-05-27', to: '2027-05-27' },
          holidays: { state, observe: true },
          service: { durationMinutes: 180 },
        }),
      );
    expect(corpusChristi('NW')).toEqual([]);
    expect(corpusChristi('BE')).toEqual(['2027-05-27T09:00:00+02:00']);
  });

  it('applies an absence series every Tuesday 12:00–13:00 from 1 Dec to 31 Mar', () => {
    const series = {
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startDate: '2026-12-01',
      endDate: '2027-03-31',
      startTime: '12:00',
      endTime: '13:00',
    };
    expect(seriesDays(series, parseDate('2026-11-01'), parseDate('2027-05-01')).length).toBe(18);
    const run = (from: string) =>
      starts(
        input({
          openingHours: ALL_WEEK('11:00', '14:00'),
          counselors: [
            { id: 'c1', availability: ALL_WEEK('00:00', '24:00'), absences: [], absenceSeries: [series] },
          ],
          range: { from, to: from },
          service: { durationMinutes: 60, stepMinutes: 60 },
        }),
      );
    expect(run('2027-03-30')).toEqual(['2027-03-30T11:00:00+02:00', '2027-03-30T13:00:00+02:00']);
    expect(run('2027-03-31')).toHaveLength(3); // Wednesday
    expect(run('2027-04-06')).toHaveLength(3); // after the series
    expect(run('2026-11-24')).toHaveLength(3); // before the series
    // whole-day center series
    expect(
      starts(
        input({
          centerAbsenceSeries: [
            { rrule: 'RRULE:FREQ=DAILY;INTERVAL=2', startDate: '2026-06-01', allDay: true },
          ],
          range: { from: '2026-06-01', to: '2026-06-02' },
          service: { durationMinutes: 180 },
        }),
      ),
    ).toEqual(['2026-06-02T09:00:00+02:00']);
  });

  it('needs a free room and reports free counselors and rooms', () => {
    const base = input({
      counselors: [
        { id: 'c1', availability: ALL_WEEK('09:00', '12:00'), absences: [], absenceSeries: [] },
        { id: 'c2', availability: ALL_WEEK('10:00', '12:00'), absences: [], absenceSeries: [] },
        { id: 'c3', availability: ALL_WEEK('09:00', '12:00'), absences: [], absenceSeries: [] },
      ],
      rooms: [
        {
          id: 'r1',
          absences: [{ from: '2026-06-01T09:00:00+02:00', to: '2026-06-01T10:00:00+02:00' }],
          absenceSeries: [],
        },
        { id: 'r2', absences: [], absenceSeries: [] },
      ],
      blocked: [{ roomId: 'r2', from: '2026-06-01T09:00:00+02:00', to: '2026-06-01T09:30:00+02:00' }],
      service: { counselorIds: ['c1', 'c2'], needsRoom: true, durationMinutes: 60, stepMinutes: 60 },
    });
    expect(computeSlots(base)).toEqual([
      {
        start: '2026-06-01T10:00:00+02:00',
        end: '2026-06-01T11:00:00+02:00',
        counselorIds: ['c1', 'c2'],
        roomIds: ['r1', 'r2'],
      },
      {
        start: '2026-06-01T11:00:00+02:00',
        end: '2026-06-01T12:00:00+02:00',
        counselorIds: ['c1', 'c2'],
        roomIds: ['r1', 'r2'],
      },
    ]);
    expect(computeSlots({ ...base, service: { ...base.service, needsRoom: false } })[0]).toEqual({
      start: '2026-06-01T09:00:00+02:00',
      end: '2026-06-01T10:00:00+02:00',
      counselorIds: ['c1'],
      roomIds: [],
    });
  });

  it('counts seats for group services', () => {
    const slots = computeSlots(
      input({
        groupBookings: [
          { start: '2026-06-01T09:00:00+02:00', seats: 2 },
          { start: Date.parse('2026-06-01T09:00:00+02:00'), seats: 1 },
          { start: '2026-06-01T10:00:00+02:00', seats: 1 },
        ],
        service: { capacity: 3, stepMinutes: 60 },
      }),
    );
    expect(slots.map((s) => [s.start.slice(11, 16), s.seatsLeft])).toEqual([
      ['10:00', 2],
      ['11:00', 3],
    ]);
  });

  it('center and counselor one-off absences, whole-day absences', () => {
    const s = starts(
      input({
        centerAbsences: [{ from: '2026-06-01T09:30:00+02:00', to: '2026-06-01T10:00:00+02:00' }],
        counselors: [
          {
            id: 'c1',
            availability: ALL_WEEK('00:00', '24:00'),
            absences: [{ startDate: '2026-06-02', endDate: '2026-06-02' }],
            absenceSeries: [],
          },
        ],
        range: { from: '2026-06-01', to: '2026-06-02' },
      }),
    );
    expect(s).toEqual([
      '2026-06-01T10:00:00+02:00',
      '2026-06-01T10:30:00+02:00',
      '2026-06-01T11:00:00+02:00',
    ]);
  });

  it('rejects instants without an offset', () => {
    expect(() => computeSlots(input({ now: '2026-06-01T08:00:00' }))).toThrow(/offset/);
  });
});
