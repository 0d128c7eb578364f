import { describe, expect, it } from 'vitest';
import type { ImportCenter } from '@beratung/shared/schemas/import-format';
import { fromZonedInput, toZonedInput } from '../src/pages/resources/zoned-time';
import {
  buildRecurrence,
  changeKind,
  parseRecurrence,
  weekdayOf,
} from '../src/pages/resources/rrule-pattern';
import { offsetMinutes, splitOffset } from '../src/pages/resources/reminders';
import { anchorFor, itemPaths, parentPath, placeProblems } from '../src/pages/resources/paths';
import { counselorsModel } from '../src/pages/resources/counselors.model';
import { servicesModel } from '../src/pages/resources/services.model';
import { absencesModel } from '../src/pages/resources/absences.model';
import { roomsModel } from '../src/pages/resources/rooms.model';

/** A center profile as GET /profile returns it (defaults applied), with a bit of everything. */
const profile: ImportCenter = {
  externalId: 'c-1',
  organisation: 'Träger e. V.',
  name: 'Suchtberatung',
  timezone: 'Europe/Berlin',
  fallback: false,
  flags: { onlineChat: false, video: false, onSite: true, anonymous: false },
  holidays: { state: 'NW', observe: true },
  locations: [
    {
      externalId: 'loc-1',
      isMain: true,
      street: 'Hauptstraße 1',
      postalCode: '40210',
      city: 'Düsseldorf',
      latitude: 51.2,
      longitude: 6.8,
      openingHours: {},
      accessibility: [],
      languages: ['de'],
    },
  ],
  topics: ['suchtberatung'],
  serviceAreas: [],
  announcements: [],
  rooms: [{ externalId: 'room-1', name: 'Raum 1', location: 'loc-1' }],
  services: [
    {
      externalId: 'svc-1',
      name: 'Erstgespräch',
      mode: 'on_site',
      durationMinutes: 50,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      stepMinutes: 30,
      needsRoom: true,
      minNoticeMinutes: 60,
      horizonDays: 60,
      capacity: 1,
      active: true,
      counselors: ['cns-1', 'cns-2'],
    },
  ],
  counselors: [
    { externalId: 'cns-1', displayName: 'Frau A', active: true },
    { externalId: 'cns-2', displayName: 'Herr B', email: 'b@example.org', active: false },
    { externalId: 'cns-3', displayName: 'Frau C', active: true },
  ],
  availability: [
    { counselor: 'cns-3', hours: { tue: [{ start: '13:00', end: '17:00' }] } },
    { counselor: 'cns-1', hours: { mon: [{ start: '09:00', end: '12:00' }] } },
  ],
  absences: [
    {
      externalId: 'abs-1',
      counselor: 'cns-2',
      startsAt: '2026-12-20T23:00:00.000Z',
      endsAt: '2027-01-01T23:00:00.000Z',
      reason: 'Urlaub',
    },
  ],
  absenceSeries: [
    {
      externalId: 'ser-1',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startDate: '2026-09-01',
      wholeDay: false,
      start: '12:00',
      end: '13:00',
    },
    {
      externalId: 'ser-2',
      room: 'room-1',
      rrule: 'FREQ=DAILY;COUNT=3',
      startDate: '2026-11-02',
      endDate: '2026-12-31',
      wholeDay: true,
    },
  ],
};

describe('wall-clock times of the center zone', () => {
  it('shows an instant in the center zone, whatever zone the browser is in', () => {
    expect(toZonedInput('2026-12-20T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-12-21T00:00');
    expect(toZonedInput('2026-07-01T07:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T09:00');
    expect(toZonedInput('2026-07-01T07:00:00Z', 'America/New_York')).toBe('2026-07-01T03:00');
    expect(toZonedInput(undefined, 'Europe/Berlin')).toBe('');
  });

  it('reads a wall-clock time with the offset that applies on that day', () => {
    expect(fromZonedInput('2026-10-24T12:00', 'Europe/Berlin')).toBe('2026-10-24T12:00:00+02:00');
    expect(fromZonedInput('2026-10-27T12:00', 'Europe/Berlin')).toBe('2026-10-27T12:00:00+01:00');
    // Right next to the changes: the night of 29 March and of 25 October 2026.
    expect(fromZonedInput('2026-03-29T01:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00+01:00');
    expect(fromZonedInput('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(fromZonedInput('2026-10-25T04:00', 'Europe/Berlin')).toBe('2026-10-25T04:00:00+01:00');
    expect(fromZonedInput('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
    expect(Date.parse(fromZonedInput('2026-12-21T00:00', 'Europe/Berlin'))).toBe(
      Date.parse('2026-12-20T23:00:00Z'),
    );
  });

  it('passes on what is no date-time, for the server to name', () => {
    expect(fromZonedInput('morgen', 'Europe/Berlin')).toBe('morgen');
    expect(fromZonedInput('', 'Europe/Berlin')).toBe('');
  });
});

describe('recurrence form', () => {
  it('shows the rules it can as a form and builds them back unchanged', () => {
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=TU',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
      'FREQ=MONTHLY;BYDAY=1WE',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=DAILY;INTERVAL=3',
    ]) {
      const pattern = parseRecurrence(rule);
      expect(pattern.kind, rule).not.toBe('custom');
      expect(buildRecurrence(pattern)).toBe(rule);
    }
    expect(parseRecurrence('FREQ=WEEKLY;BYDAY=TH,MO')).toEqual({
      kind: 'weekly',
      interval: '1',
      days: ['mon', 'thu'],
    });
  });

  it('keeps any other rule as text', () => {
    for (const rule of [
      'FREQ=DAILY;COUNT=3',
      'FREQ=MONTHLY;BYMONTHDAY=15',
      'FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO',
    ])
      expect(parseRecurrence(rule)).toEqual({ kind: 'custom', rule });
  });

  it('switching the kind keeps the interval, and the rule so far when switching to text', () => {
    const weekly = parseRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
    expect(changeKind(weekly, 'daily', 'mon')).toEqual({ kind: 'daily', interval: '2' });
    expect(changeKind(weekly, 'custom', 'mon')).toEqual({
      kind: 'custom',
      rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    });
    expect(changeKind(weekly, 'monthly', 'fri')).toEqual({ kind: 'monthly', ordinal: '1', day: 'fri' });
    expect(weekdayOf('2026-10-13')).toBe('tue');
  });
});

describe('reminder offsets', () => {
  it('shows each offset in the largest unit that fits', () => {
    expect(splitOffset(1440)).toEqual({ amount: '1', unit: 'days' });
    expect(splitOffset(120)).toEqual({ amount: '2', unit: 'hours' });
    expect(splitOffset(90)).toEqual({ amount: '90', unit: 'minutes' });
    expect(splitOffset(20160)).toEqual({ amount: '14', unit: 'days' });
  });

  it('reads an amount in a unit as minutes', () => {
    expect(offsetMinutes('24', 'hours')).toBe(1440);
    expect(offsetMinutes('1,5', 'hours')).toBe(90);
    expect(offsetMinutes(' 2 ', 'days')).toBe(2880);
    expect(offsetMinutes('zwei', 'days')).toBeNaN();
  });
});

describe('placing server problems on a page', () => {
  it('climbs to the nearest field, after rewriting what the page shows elsewhere', () => {
    const anchors = new Set(itemPaths('$.rooms', 1, ['name']));
    expect(parentPath('$.rooms[0].name')).toBe('$.rooms[0]');
    expect(anchorFor('$.rooms[0].name', anchors)).toBe('$.rooms[0].name');
    expect(anchorFor('$.rooms[0].location', anchors)).toBe('$.rooms[0]');
    expect(anchorFor('$.services[0].name', anchors)).toBeUndefined();
    const aliases = new Map([['$.availability[0]', '$.rooms[0]']]);
    expect(anchorFor('$.availability[0].hours.mon', anchors, aliases)).toBe('$.rooms[0]');
    const placed = placeProblems(
      [
        { path: '$.rooms[0].name', message: 'must not be empty' },
        { path: '$.rooms[0].name', message: 'too long' },
        { path: '$.absences[1].room', message: 'no room' },
      ],
      anchors,
    );
    expect([...placed.byPath]).toEqual([['$.rooms[0].name', 'must not be empty · too long']]);
    expect(placed.unplaced).toEqual([{ path: '$.absences[1].room', message: 'no room' }]);
  });
});

describe('the parts of the profile as pages edit them', () => {
  it('saves every part unchanged when nothing was edited', () => {
    // Equal up to what carries no meaning: the order of availability entries, how an instant is written.
    const normal = (center: ImportCenter) => ({
      ...(JSON.parse(JSON.stringify(center)) as ImportCenter),
      availability: [...center.availability].sort((a, b) => a.counselor.localeCompare(b.counselor)),
      absences: center.absences.map((a) => ({
        ...a,
        startsAt: Date.parse(a.startsAt),
        endsAt: Date.parse(a.endsAt),
      })),
    });
    const unchanged = <D>(model: {
      toDraft(p: ImportCenter): D;
      fromDraft(p: ImportCenter, d: D): { profile: ImportCenter };
    }) => normal(model.fromDraft(profile, model.toDraft(profile)).profile);
    expect(unchanged(roomsModel)).toEqual(normal(profile));
    expect(unchanged(servicesModel)).toEqual(normal(profile));
    expect(unchanged(counselorsModel)).toEqual(normal(profile));
    expect(unchanged(absencesModel)).toEqual(normal(profile));
  });

  it('gives a counselor without hours no availability entry, and maps entries back to counselors', () => {
    const draft = counselorsModel.toDraft(profile);
    expect(draft[1]!.hours.mon).toEqual([]);
    draft[0]!.hours.mon = [];
    const { profile: saved, aliases } = counselorsModel.fromDraft(profile, draft);
    expect(saved.availability).toEqual([
      { counselor: 'cns-3', hours: { tue: [{ start: '13:00', end: '17:00' }] } },
    ]);
    expect(aliases?.get('$.availability[0]')).toBe('$.counselors[2].availability');
    const anchors = counselorsModel.anchors(draft);
    expect(anchorFor('$.availability[0].hours.tue[0].end', anchors, aliases)).toBe(
      '$.counselors[2].availability.hours.tue[0].end',
    );
  });

  it('sends a number field that is no whole number as typed, and empty ones as the default', () => {
    const draft = servicesModel.toDraft(profile);
    draft[0]!.durationMinutes = '45 min';
    draft[0]!.bufferBeforeMinutes = '';
    const service = servicesModel.fromDraft(profile, draft).profile.services[0]!;
    expect(service.durationMinutes).toBe('45 min');
    expect(service).not.toHaveProperty('bufferBeforeMinutes', expect.anything());
    expect(service.stepMinutes).toBe(30);
  });

  it('writes the owner of an absence as counselor or room, and shows its problems at the owner', () => {
    const draft = absencesModel.toDraft(profile);
    expect(draft.absences[0]!.owner).toBe('counselor:cns-2');
    expect(draft.series.map((s) => s.owner)).toEqual(['', 'room:room-1']);
    draft.absences[0]!.owner = 'room:room-1';
    draft.series[0]!.wholeDay = true;
    const { profile: saved, aliases } = absencesModel.fromDraft(profile, draft);
    expect(saved.absences[0]).toMatchObject({ room: 'room-1' });
    expect(saved.absences[0]).not.toHaveProperty('counselor', expect.anything());
    expect(saved.absenceSeries[0]).toMatchObject({ wholeDay: true, start: undefined, end: undefined });
    expect(anchorFor('$.absences[0].room', absencesModel.anchors(draft), aliases)).toBe(
      '$.absences[0].owner',
    );
  });
});
