import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, BeratungClient } from '@beratung/shared';
import { BookingService } from '../src/booking/booking.service';
import { startTestServer, type TestServer } from './support/app';
import { dateIn, seedBookingCenter, type BookingCenter } from './support/booking-center';

let server: TestServer;
let center: BookingCenter;
let admin: BeratungClient;
let counselor: BeratungClient;
let otherCenterAdmin: BeratungClient;
let seeker: BeratungClient;

const fail = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as ApiError;
const path = () => `/api/centers/${center.centerId}/booking-settings`;

beforeAll(async () => {
  server = await startTestServer();
  center = await seedBookingCenter(server);
  const adminAccount = await server.createStaff({ centerId: center.centerId, role: 'center_admin' });
  admin = await server.loginStaff(adminAccount.email, adminAccount.password);
  const counselorAccount = await server.createStaff({ centerId: center.centerId, role: 'counselor' });
  counselor = await server.loginStaff(counselorAccount.email, counselorAccount.password);
  const other = await server.createStaff({ centerId: await server.createCenter(), role: 'center_admin' });
  otherCenterAdmin = await server.loginStaff(other.email, other.password);
  const seekerAccount = await server.createSeeker();
  seeker = server.client();
  await seeker.login(seekerAccount.pseudonym, seekerAccount.password);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('booking settings of a center', () => {
  it('starts with the defaults, readable by the whole staff of the center', async () => {
    const defaults = { reminderOffsetsMinutes: [1440], contactRetentionDays: 30 };
    expect(await admin.bookingSettings(center.centerId)).toEqual(defaults);
    expect(await counselor.bookingSettings(center.centerId)).toEqual(defaults);
  });

  it('refuses everyone but the center admin to change them, and outsiders to read them', async () => {
    const settings = { reminderOffsetsMinutes: [60], contactRetentionDays: 10 };
    expect(await fail(counselor.updateBookingSettings(center.centerId, settings))).toMatchObject({
      status: 403,
    });
    expect(await fail(otherCenterAdmin.updateBookingSettings(center.centerId, settings))).toMatchObject({
      status: 403,
    });
    expect(await fail(otherCenterAdmin.bookingSettings(center.centerId))).toMatchObject({ status: 403 });
    expect(await fail(seeker.updateBookingSettings(center.centerId, settings))).toMatchObject({
      status: 403,
    });
    expect(await fail(seeker.bookingSettings(center.centerId))).toMatchObject({ status: 403 });
    const anonymous = server.client();
    expect(await fail(anonymous.api.put(path(), settings))).toMatchObject({ status: 401 });
    expect(await fail(anonymous.api.get(path()))).toMatchObject({ status: 401 });
    expect(await admin.bookingSettings(center.centerId)).toMatchObject({ contactRetentionDays: 30 });
  });

  it('answers bad input with 422 and the path of each problem', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ reminderOffsetsMinutes: [10], contactRetentionDays: 30 }, ['$.reminderOffsetsMinutes[0]']],
      [{ reminderOffsetsMinutes: [1440, 20161], contactRetentionDays: 30 }, ['$.reminderOffsetsMinutes[1]']],
      [{ reminderOffsetsMinutes: [120, 120], contactRetentionDays: 30 }, ['$.reminderOffsetsMinutes[1]']],
      [
        { reminderOffsetsMinutes: [15, 30, 60, 120, 240, 480], contactRetentionDays: 30 },
        ['$.reminderOffsetsMinutes'],
      ],
      [{ reminderOffsetsMinutes: [90.5], contactRetentionDays: 30 }, ['$.reminderOffsetsMinutes[0]']],
      [{ reminderOffsetsMinutes: [], contactRetentionDays: 0 }, ['$.contactRetentionDays']],
      [{ reminderOffsetsMinutes: [], contactRetentionDays: 366 }, ['$.contactRetentionDays']],
      [{ reminderOffsetsMinutes: [], contactRetentionDays: 30, extra: true }, ['$']],
      [{ contactRetentionDays: 30 }, ['$.reminderOffsetsMinutes']],
    ];
    for (const [body, paths] of cases) {
      const error = await fail(admin.api.put(path(), body));
      expect(error, JSON.stringify(body)).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
      expect(
        error.details?.map((d) => d.path),
        JSON.stringify(body),
      ).toEqual(paths);
    }
    expect(await admin.bookingSettings(center.centerId)).toEqual({
      reminderOffsetsMinutes: [1440],
      contactRetentionDays: 30,
    });
  });

  it('stores valid settings (earliest reminder first), audits a change once, and allows no reminders', async () => {
    const saved = await admin.updateBookingSettings(center.centerId, {
      reminderOffsetsMinutes: [15, 20160, 1440],
      contactRetentionDays: 365,
    });
    expect(saved).toEqual({ reminderOffsetsMinutes: [20160, 1440, 15], contactRetentionDays: 365 });
    expect(await counselor.bookingSettings(center.centerId)).toEqual(saved);
    const row = await server.db
      .selectFrom('centers')
      .select(['reminder_offsets_minutes', 'booking_contact_retention_days'])
      .where('id', '=', center.centerId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reminder_offsets_minutes: [20160, 1440, 15], booking_contact_retention_days: 365 });

    // The same settings again (in another order) change nothing and write no second entry.
    await admin.updateBookingSettings(center.centerId, {
      reminderOffsetsMinutes: [1440, 15, 20160],
      contactRetentionDays: 365,
    });
    const audits = await server.db
      .selectFrom('audit_log')
      .select(['details', 'actor_account_id'])
      .where('center_id', '=', center.centerId)
      .where('action', '=', 'center.booking_settings.updated')
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toEqual({
      before: { reminderOffsetsMinutes: [1440], contactRetentionDays: 30 },
      after: { reminderOffsetsMinutes: [20160, 1440, 15], contactRetentionDays: 365 },
    });

    expect(
      await admin.updateBookingSettings(center.centerId, {
        reminderOffsetsMinutes: [],
        contactRetentionDays: 1,
      }),
    ).toEqual({ reminderOffsetsMinutes: [], contactRetentionDays: 1 });
  });

  it('the reminder job mails at the offsets set here, and no longer at the old ones', async () => {
    const sdk = server.client().booking;
    const date = dateIn(21);
    const slot = (await sdk.slots({ serviceId: center.serviceId, from: date, to: date })).slots[3]!;
    const booked = await sdk.book({
      serviceId: center.serviceId,
      start: slot.start,
      contact: { name: 'Ada', email: 'ada@example.org' },
      locale: 'de',
    });
    const { id } = await server.db
      .selectFrom('bookings')
      .select('id')
      .where('code', '=', booked.code)
      .executeTakeFirstOrThrow();
    await admin.updateBookingSettings(center.centerId, {
      reminderOffsetsMinutes: [120, 2880],
      contactRetentionDays: 30,
    });
    const start = Date.parse(slot.start);
    const jobAt = (minutesBefore: number) =>
      new BookingService(server.db, {
        holdTtlSeconds: 600,
        publicUrl: server.url,
        now: () => new Date(start - minutesBefore * 60_000),
      }).queueDueReminders();
    const reminders = async () =>
      (
        await server.db
          .selectFrom('mail_outbox')
          .select('dedupe_key')
          .where('dedupe_key', 'like', `booking:${id}:reminder-%`)
          .execute()
      )
        .map((m) => m.dedupe_key!.split(':')[2])
        .sort();

    await jobAt(2880 - 1); // two days before
    expect(await reminders()).toEqual(['reminder-2880']);
    await jobAt(1440 - 1); // the default offset of a day: not configured any more
    expect(await reminders()).toEqual(['reminder-2880']);
    await jobAt(120 - 1);
    expect(await reminders()).toEqual(['reminder-120', 'reminder-2880']);
  });
});
