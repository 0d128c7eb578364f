import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, BeratungClient } from '@beratung/shared';
import type { AppointmentList, BulkCancelResult } from '@beratung/shared/schemas/booking';
import { startTestServer, type TestServer } from './support/app';
import { dateIn, seedBookingCenter, type BookingCenter } from './support/booking-center';

let server: TestServer;
let center: BookingCenter;
let admin: BeratungClient;
let counselor: BeratungClient;
let otherCenterAdmin: BeratungClient;

const fail = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as ApiError;

async function book(day: number, slotIndex: number, email?: string): Promise<string> {
  const sdk = server.client().booking;
  const start = (await sdk.slots({ serviceId: center.serviceId, from: dateIn(day), to: dateIn(day) })).slots[
    slotIndex
  ]!.start;
  const booked = await sdk.book({
    serviceId: center.serviceId,
    start,
    contact: { name: 'Kim', email },
    locale: 'de',
  });
  const row = await server.db
    .selectFrom('bookings')
    .select('id')
    .where('code', '=', booked.code)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  server = await startTestServer();
  center = await seedBookingCenter(server);
  const adminAccount = await server.createStaff({ centerId: center.centerId, role: 'center_admin' });
  admin = await server.loginStaff(adminAccount.email, adminAccount.password);
  const counselorAccount = await server.createStaff({ centerId: center.centerId, role: 'counselor' });
  counselor = await server.loginStaff(counselorAccount.email, counselorAccount.password);
  // the counselor's login is the first scheduling resource
  await server.db
    .updateTable('counselors')
    .set({ account_id: counselorAccount.accountId })
    .where('id', '=', center.counselorIds[0]!)
    .execute();
  const otherCenter = await server.createCenter();
  const other = await server.createStaff({ centerId: otherCenter, role: 'center_admin' });
  otherCenterAdmin = await server.loginStaff(other.email, other.password);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('back office appointments', () => {
  it('lists appointments: admins all, counselors their own, others nothing', async () => {
    const day = 5;
    for (let i = 0; i < 3; i++) await book(day, 0); // three counselors at 09:00
    const path = `/api/centers/${center.centerId}/appointments`;
    const query = { from: dateIn(day), to: dateIn(day) };
    const all = await admin.api.get<AppointmentList>(path, query);
    expect(all.timezone).toBe('Europe/Berlin');
    expect(all.appointments).toHaveLength(3);
    expect(all.appointments[0]).toMatchObject({ status: 'booked', contact: { name: 'Kim' } });
    const own = await counselor.api.get<AppointmentList>(path, query);
    expect(own.appointments.map((a) => a.counselor.id)).toEqual([center.counselorIds[0]]);
    const filtered = await admin.api.get<AppointmentList>(path, {
      ...query,
      counselorId: center.counselorIds[1],
    });
    expect(filtered.appointments).toHaveLength(1);
    expect(await fail(otherCenterAdmin.api.get(path, query))).toMatchObject({ status: 403 });
    expect(await fail(server.client().api.get(path, query))).toMatchObject({ status: 401 });
    expect(await fail(admin.api.get(path, { from: dateIn(5), to: dateIn(1) }))).toMatchObject({
      status: 400,
    });
  });

  it('an admin cancels with a message that reaches the person; a counselor may not', async () => {
    const id = await book(6, 1, 'kim@example.org');
    const path = `/api/centers/${center.centerId}/appointments/${id}/cancel`;
    expect(await fail(counselor.api.post(path, { message: 'x' }))).toMatchObject({ status: 403 });
    await admin.api.post(path, { message: 'Die Beraterin ist erkrankt.' });
    const row = await server.db
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'cancelled', cancelled_by: 'center' });
    const mail = await server.db
      .selectFrom('mail_outbox')
      .select(['text_body', 'attachments'])
      .where('dedupe_key', 'like', `booking:${id}:cancelled:%`)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('Die Beraterin ist erkrankt.');
    expect(JSON.stringify(mail.attachments)).toContain('METHOD:CANCEL');
    expect(await fail(admin.api.post(path, {}))).toMatchObject({ status: 409, code: 'NOT_CANCELLABLE' });
    const audit = await server.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('appointment.cancel');
  });

  it('attendance is marked once an appointment has begun, by its counselor or an admin', async () => {
    const future = await book(7, 2);
    const attendance = (id: string) => `/api/centers/${center.centerId}/appointments/${id}/attendance`;
    expect(await fail(admin.api.post(attendance(future), { status: 'attended' }))).toMatchObject({
      status: 409,
      code: 'APPOINTMENT_NOT_STARTED',
    });
    // an appointment of yesterday, of each of two counselors
    const past = async (counselorId: string) => {
      const start = new Date(Date.now() - 86_400_000);
      const row = await server.db
        .insertInto('bookings')
        .values({
          center_id: center.centerId,
          service_id: center.serviceId,
          counselor_id: counselorId,
          status: 'booked',
          starts_at: start,
          ends_at: new Date(start.getTime() + 3_600_000),
          blocked_from: start,
          blocked_to: new Date(start.getTime() + 3_600_000),
          session_key: `past:${counselorId}`,
          code: counselorId === center.counselorIds[0] ? 'PAST-0001' : 'PAST-0002',
          manage_token_hash: Buffer.alloc(32),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    const mine = await past(center.counselorIds[0]!);
    const theirs = await past(center.counselorIds[1]!);
    await counselor.api.post(attendance(mine), { status: 'no_show' });
    expect(await fail(counselor.api.post(attendance(theirs), { status: 'attended' }))).toMatchObject({
      status: 403,
    });
    await admin.api.post(attendance(theirs), { status: 'attended' });
    const statuses = await server.db
      .selectFrom('bookings')
      .select(['id', 'status'])
      .where('id', 'in', [mine, theirs])
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [mine]: 'no_show',
      [theirs]: 'attended',
    });
    expect(await fail(admin.api.post(attendance(mine), { status: 'gone' }))).toMatchObject({ status: 422 });
  });

  it('Massen-Löschung: a preview, then a confirmation that cancels exactly what was previewed', async () => {
    await book(9, 3, 'a@example.org');
    await book(10, 3, 'b@example.org');
    const path = `/api/centers/${center.centerId}/appointments/bulk-cancel`;
    const range = { from: dateIn(9), to: dateIn(10), message: 'Die Beratungsstelle ist geschlossen.' };
    expect(await fail(counselor.api.post(path, range))).toMatchObject({ status: 403 });
    const preview = await admin.api.post<BulkCancelResult>(path, range);
    expect(preview).toMatchObject({ count: 2, cancelled: false });
    // a booking made after the preview changes the set: the old token no longer fits
    await book(10, 4);
    expect(await fail(admin.api.post(path, { ...range, confirm: preview.confirmToken }))).toMatchObject({
      status: 409,
      code: 'BULK_CHANGED',
    });
    const again = await admin.api.post<BulkCancelResult>(path, range);
    expect(again.count).toBe(3);
    const done = await admin.api.post<BulkCancelResult>(path, { ...range, confirm: again.confirmToken });
    expect(done).toEqual({ count: 3, cancelled: true });
    const left = await admin.api.get<AppointmentList>(`/api/centers/${center.centerId}/appointments`, {
      from: dateIn(9),
      to: dateIn(10),
      status: 'booked',
    });
    expect(left.appointments).toHaveLength(0);
    const audit = await server.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'appointments.bulk_cancel')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ count: 3 });
    const mails = await server.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where('text_body', 'like', '%Die Beratungsstelle ist geschlossen.%')
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['a@example.org', 'b@example.org']);
  });

  it('lists upcoming appointments that an absence added later conflicts with, and keeps them', async () => {
    const id = await book(12, 5); // 14:00
    const row = await server.db
      .selectFrom('bookings')
      .select(['counselor_id', 'starts_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const path = `/api/centers/${center.centerId}/appointments/conflicts`;
    const before = await admin.api.get<AppointmentList>(path);
    expect(before.appointments.map((a) => a.id)).not.toContain(id);
    await server.db
      .insertInto('absences')
      .values({
        center_id: center.centerId,
        counselor_id: row.counselor_id,
        starts_at: new Date(row.starts_at.getTime() - 3_600_000),
        ends_at: new Date(row.starts_at.getTime() + 3_600_000),
      })
      .execute();
    const after = await admin.api.get<AppointmentList>(path);
    expect(after.appointments.map((a) => a.id)).toEqual([id]);
    expect(after.appointments[0]!.status).toBe('booked');
    expect(await fail(counselor.api.get(path))).toMatchObject({ status: 403 });
  });

  it('previews the occurrences of an absence series, across the change to winter time', async () => {
    const path = `/api/centers/${center.centerId}/absence-series/preview`;
    const preview = await admin.api.post<{
      occurrences: Array<{ date: string; start: string; end: string }>;
      more: boolean;
    }>(path, {
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startDate: '2026-10-13',
      start: '12:00',
      end: '13:00',
      limit: 3,
    });
    expect(preview).toEqual({
      occurrences: [
        { date: '2026-10-13', start: '2026-10-13T12:00:00+02:00', end: '2026-10-13T13:00:00+02:00' },
        { date: '2026-10-20', start: '2026-10-20T12:00:00+02:00', end: '2026-10-20T13:00:00+02:00' },
        { date: '2026-10-27', start: '2026-10-27T12:00:00+01:00', end: '2026-10-27T13:00:00+01:00' },
      ],
      more: true,
    });
    expect(
      await fail(admin.api.post(path, { rrule: 'FREQ=HOURLY', startDate: '2026-10-13', wholeDay: true })),
    ).toMatchObject({
      status: 422,
    });
    expect(await fail(admin.api.post(path, { rrule: 'FREQ=DAILY', startDate: '2026-10-13' }))).toMatchObject({
      status: 422,
    });
    expect(
      await fail(counselor.api.post(path, { rrule: 'FREQ=DAILY', startDate: '2026-10-13', wholeDay: true })),
    ).toMatchObject({
      status: 403,
    });
  });

  it('a service with appointments cannot be deleted through the profile: 409, nothing changed', async () => {
    await book(13, 1);
    await server.db
      .insertInto('center_topics')
      .values({ center_id: center.centerId, topic_key: 'suchtberatung' })
      .execute();
    const profilePath = `/api/centers/${center.centerId}/profile`;
    const profile = await admin.api.get<{ services: Array<{ name: string }> }>(profilePath);
    const without = {
      ...profile,
      holidays: { state: 'NW', observe: true },
      services: profile.services.filter((s) => s.name !== 'Erstgespräch'),
    };
    const error = await fail(admin.api.put(profilePath, without));
    expect(error).toMatchObject({
      status: 409,
      code: 'HAS_APPOINTMENTS',
    });
    const still = await server.db
      .selectFrom('services')
      .select('id')
      .where('id', '=', center.serviceId)
      .execute();
    expect(still).toHaveLength(1);
  });
});
