import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BeratungClient } from '@beratung/shared';
import {
  ROOT,
  announceSkip,
  assertBuilt,
  axeViolations,
  describeViolations,
  launchChromium,
  serious,
  startHarnessServer,
  watchPage,
  type BrowserTestServer,
  type HarnessServer,
} from '../../../scripts/browser-tests/support';
import { totp } from '../../../scripts/browser-tests/totp';

const skip = announceSkip('admin appointments');

/** The code of the next 30-second step: the current one may already have been used once. */
const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);

/** The server's seed helper for a bookable center, loaded like the harness. */
interface BookingSeed {
  seedBookingCenter(server: unknown): Promise<{ centerId: string; serviceId: string }>;
  /** A date `days` from today, as 'YYYY-MM-DD'. */
  dateIn(days: number): string;
}

/** The few writes the test needs beyond the public API (the harness's Kysely handle). */
interface SeedDb {
  insertInto(table: 'bookings' | 'absences'): {
    values(row: Record<string, unknown>): { execute(): Promise<unknown> };
  };
  updateTable(table: 'counselors'): {
    set(row: { account_id: string }): {
      where(column: 'id', op: '=', value: string): { execute(): Promise<unknown> };
    };
  };
}

type Harness = HarnessServer & { client(): BeratungClient; db: SeedDb };

describe.skipIf(skip)('Termine (appointments back office) in Chromium', () => {
  let server: Harness;
  let wrapped: BrowserTestServer;
  let browser: Browser;
  let seed: BookingSeed;
  let center: { centerId: string; serviceId: string };
  let admin: { email: string; password: string; totpSecret: string; api: BeratungClient };
  let totpSecrets: Map<string, string>;

  /** Books through the public API, as a help seeker would; returns the booking code. */
  async function book(day: number, slotIndex: number, name: string, email: string): Promise<string> {
    const sdk = server.client().booking;
    const date = seed.dateIn(day);
    const { slots } = await sdk.slots({ serviceId: center.serviceId, from: date, to: date });
    const slot = slots[slotIndex];
    if (!slot) throw new Error(`no slot ${slotIndex} on ${date}`);
    const booked = await sdk.book({
      serviceId: center.serviceId,
      start: slot.start,
      contact: { name, email },
      locale: 'de',
    });
    return booked.code;
  }

  async function appointmentOf(code: string, from: string, to: string) {
    const { appointments } = await admin.api.backOffice.appointments(center.centerId, { from, to });
    const found = appointments.find((a) => a.code === code);
    if (!found) throw new Error(`appointment ${code} not listed`);
    return found;
  }

  beforeAll(async () => {
    assertBuilt('admin');
    const started = await startHarnessServer();
    server = started.server as Harness;
    wrapped = started.wrapped;
    seed = (await import(pathToFileURL(`${ROOT}server/test/support/booking-center.ts`).href)) as BookingSeed;
    center = await seed.seedBookingCenter(server);
    const { email, password } = await server.createStaff({ centerId: center.centerId, role: 'center_admin' });
    // The harness sets up the mandatory second factor on the first login.
    const api = (await server.loginStaff(email, password)) as BeratungClient;
    totpSecrets = started.harness.totpSecrets;
    const totpSecret = totpSecrets.get(email);
    if (!totpSecret) throw new Error('The harness did not record the TOTP secret');
    admin = { email, password, totpSecret, api };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Logs in through the form; with a TOTP secret, answers the second factor too. */
  async function logIn(page: Page, who: { email: string; password: string; totpSecret?: string }) {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(who.email);
    await page.getByLabel('Passwort', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    if (who.totpSecret) {
      await page.getByLabel('Bestätigungscode').waitFor({ timeout: 30_000 });
      await page.getByLabel('Bestätigungscode').fill(nextCode(who.totpSecret));
      await page.getByRole('button', { name: 'Bestätigen' }).click();
    }
    await page.getByRole('link', { name: 'Termine', exact: true }).waitFor({ timeout: 30_000 });
  }

  async function expectAccessible(page: Page) {
    const violations = serious(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('lists, cancels with a message, marks attendance, shows conflicts and cancels in bulk', async () => {
    const kim = await book(3, 0, 'Kim Berger', 'kim@example.org');
    const conflicting = await book(5, 5, 'Jo Konflikt', 'jo@example.org');
    await book(20, 1, 'Alex Erster', 'alex@example.org');
    await book(21, 2, 'Sam Zweiter', 'sam@example.org');

    // An appointment of yesterday (the public API books only the future), for attendance.
    const yesterday = new Date(Date.now() - 86_400_000);
    const { counselor } = await appointmentOf(kim, seed.dateIn(3), seed.dateIn(3));
    await server.db
      .insertInto('bookings')
      .values({
        center_id: center.centerId,
        service_id: center.serviceId,
        counselor_id: counselor.id,
        status: 'booked',
        starts_at: yesterday,
        ends_at: new Date(yesterday.getTime() + 3_600_000),
        blocked_from: yesterday,
        blocked_to: new Date(yesterday.getTime() + 3_600_000),
        session_key: `past:${counselor.id}`,
        code: 'PAST-0001',
        manage_token_hash: Buffer.alloc(32),
        contact_name: 'Pat Gestern',
      })
      .execute();

    // An absence added after booking: the appointment conflicts with the rules now.
    const blocked = await appointmentOf(conflicting, seed.dateIn(5), seed.dateIn(5));
    const blockedStart = Date.parse(blocked.start);
    await server.db
      .insertInto('absences')
      .values({
        center_id: center.centerId,
        counselor_id: blocked.counselor.id,
        starts_at: new Date(blockedStart - 3_600_000),
        ends_at: new Date(blockedStart + 3_600_000),
      })
      .execute();

    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page, admin);

    // --- Terminliste: the booked appointment with its person and status ---
    await page.getByRole('link', { name: 'Termine', exact: true }).click();
    const table = page.getByTestId('appointments-table');
    await table.waitFor({ timeout: 30_000 });
    const kimRow = table.getByRole('row').filter({ hasText: 'Kim Berger' });
    await expect.poll(() => kimRow.textContent()).toContain('kim@example.org');
    expect(await kimRow.textContent()).toContain(kim);
    expect(await kimRow.textContent()).toContain('gebucht');
    expect(await kimRow.textContent()).toContain('Erstgespräch');
    await expectAccessible(page);

    // --- Absagen with a message ---
    await kimRow.getByRole('button', { name: /^Absagen/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Nachricht an die Person').fill('Die Beraterin ist leider erkrankt.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Ja, absagen' }).click();
    await page.getByRole('status').filter({ hasText: 'ist abgesagt' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => kimRow.textContent()).toContain('abgesagt');
    expect(await kimRow.textContent()).toContain('von der Beratungsstelle');
    expect(await kimRow.getByRole('button', { name: /^Absagen/ }).count()).toBe(0);
    expect((await appointmentOf(kim, seed.dateIn(3), seed.dateIn(3))).status).toBe('cancelled');
    await expect
      .poll(async () =>
        (await wrapped.mails!()).filter(
          (m) => m.to === 'kim@example.org' && m.text.includes('Die Beraterin ist leider erkrankt.'),
        ),
      )
      .toHaveLength(1);

    // --- Erschienen: only for an appointment that has begun ---
    await page.getByLabel('Zeitraum von').fill(seed.dateIn(-2));
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    const pastRow = table.getByRole('row').filter({ hasText: 'Pat Gestern' });
    await pastRow.waitFor({ timeout: 30_000 });
    expect(await pastRow.getByRole('button', { name: /^Absagen/ }).count()).toBe(0);
    // Upcoming appointments offer no attendance buttons.
    const upcoming = table.getByRole('row').filter({ hasText: 'Alex Erster' });
    expect(await upcoming.getByRole('button', { name: /^Erschienen/ }).count()).toBe(0);
    await pastRow.getByRole('button', { name: /^Erschienen/ }).click();
    await page.getByRole('status').filter({ hasText: 'erschienen' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => pastRow.textContent()).toContain('erschienen');
    // The row's buttons may render after its text: wait for them too.
    await expect
      .poll(() => pastRow.getByRole('button', { name: /^Markierung zurücknehmen/ }).count())
      .toBe(1);

    // --- Konflikte: the appointment the new absence collides with ---
    await page.getByRole('link', { name: 'Konflikte' }).click();
    const conflicts = page.getByTestId('conflicts-table');
    await conflicts.waitFor({ timeout: 30_000 });
    expect(await conflicts.getByRole('row').filter({ hasText: 'Jo Konflikt' }).count()).toBe(1);
    expect(await conflicts.textContent()).not.toContain('Alex Erster');
    await expectAccessible(page);

    // --- Massen-Löschung: preview, a change in between (409 BULK_CHANGED), confirm ---
    await page.getByRole('link', { name: 'Massen-Löschung' }).click();
    await page.getByLabel('Zeitraum von').fill(seed.dateIn(20));
    await page.getByLabel('Zeitraum bis').fill(seed.dateIn(21));
    await page.getByRole('button', { name: 'Vorschau' }).click();
    const count = page.getByTestId('bulk-count');
    await count.waitFor({ timeout: 30_000 });
    expect(await count.textContent()).toMatch(/: 2$/);
    const preview = page.getByTestId('bulk-table');
    expect(await preview.textContent()).toContain('Alex Erster');
    expect(await preview.textContent()).toContain('Sam Zweiter');
    await page
      .getByLabel('Nachricht an alle betroffenen Personen')
      .fill('Die Beratungsstelle ist geschlossen.');
    await expectAccessible(page);

    // Someone books in the range after the preview: the confirmation must not cancel blindly.
    await book(21, 4, 'Robin Spät', 'robin@example.org');
    await page.getByRole('button', { name: 'Endgültig absagen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, alle absagen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'haben sich die Termine in diesem Zeitraum geändert' })
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/: 3$/);
    expect(await preview.textContent()).toContain('Robin Spät');

    await page.getByRole('button', { name: 'Endgültig absagen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, alle absagen' }).click();
    await page.getByRole('status').filter({ hasText: 'Abgesagt: 3 Termine' }).waitFor({ timeout: 30_000 });
    const left = await admin.api.backOffice.appointments(center.centerId, {
      from: seed.dateIn(20),
      to: seed.dateIn(21),
      status: 'booked',
    });
    expect(left.appointments).toEqual([]);
    await expect
      .poll(async () =>
        (await wrapped.mails!())
          .filter((m) => m.text.includes('Die Beratungsstelle ist geschlossen.'))
          .map((m) => m.to)
          .sort(),
      )
      .toEqual(['alex@example.org', 'robin@example.org', 'sam@example.org']);
    await expectAccessible(page);

    // The browser reports the expected 409 itself; anything else is a problem.
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
    await context.close();
  });

  it('shows a counselor only their own appointments, without the admin actions', async () => {
    const code = await book(8, 3, 'Mika Eigen', 'mika@example.org');
    const own = await appointmentOf(code, seed.dateIn(8), seed.dateIn(8));
    const { accountId, email, password } = await server.createStaff({
      centerId: center.centerId,
      role: 'counselor',
    });
    // The counselor's login becomes the scheduling resource the appointment was booked with.
    await server.db
      .updateTable('counselors')
      .set({ account_id: accountId })
      .where('id', '=', own.counselor.id)
      .execute();
    await server.loginStaff(email, password);

    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page, { email, password, totpSecret: totpSecrets.get(email) });

    await page.getByRole('link', { name: 'Termine', exact: true }).click();
    const table = page.getByTestId('appointments-table');
    await table.waitFor({ timeout: 30_000 });
    await table.getByRole('row').filter({ hasText: 'Mika Eigen' }).waitFor();
    // Every listed appointment is this counselor's; nobody else's shows up.
    const rows = table.locator('tbody tr');
    for (const row of await rows.all()) expect(await row.textContent()).toContain(own.counselor.name);
    // The range the page shows: its days are the browser's (Berlin), and a UTC date would
    // take in yesterday's appointment between midnight in Berlin and midnight UTC.
    const { appointments } = await admin.api.backOffice.appointments(center.centerId, {
      from: await page.getByLabel('Zeitraum von').inputValue(),
      to: await page.getByLabel('Zeitraum bis').inputValue(),
      counselorId: own.counselor.id,
    });
    expect(await rows.count()).toBe(appointments.length);
    // No cancelling, no counselor filter, no Konflikte or Massen-Löschung.
    expect(await table.getByRole('button', { name: /^Absagen/ }).count()).toBe(0);
    expect(await page.getByLabel('Berater:in').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Massen-Löschung' }).count()).toBe(0);
    await expectAccessible(page);

    await page.goto(`${server.url}/admin/#/appointments/bulk-cancel`);
    await page.getByText('Dieser Bereich ist der Leitung der Beratungsstelle vorbehalten.').waitFor();
    expect(await page.getByRole('button', { name: 'Vorschau' }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });
});
