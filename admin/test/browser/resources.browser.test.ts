import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BeratungClient } from '@beratung/shared';
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
  type HarnessServer,
} from '../../../scripts/browser-tests/support';
import { totp } from '../../../scripts/browser-tests/totp';

const skip = announceSkip('admin booking resources');

/** The code of the next 30-second step: the current one may already have been used once. */
const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);

/** The server's importer, loaded like the harness (the admin project does not compile server code). */
interface Importer {
  importCenters(
    db: unknown,
    file: unknown,
    actor: string | null,
  ): Promise<{ centers: Array<{ id: string }> }>;
}

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Books the first free slot of a service through the public API, as a help seeker would. */
async function bookFirstSlot(url: string, centerId: string, serviceName: string): Promise<void> {
  const booking = new BeratungClient({ baseUrl: url, nodeOrigin: url }).booking;
  const { services } = await booking.services(centerId);
  const service = services.find((s) => s.name === serviceName);
  if (!service) throw new Error(`No service ${serviceName}`);
  const { days } = await booking.slotDays({ serviceId: service.id, from: addDays(1), to: addDays(40) });
  const day = days.find((d) => d.slots > 0);
  if (!day) throw new Error(`No free day for ${serviceName}`);
  const { slots } = await booking.slots({ serviceId: service.id, from: day.date, to: day.date });
  await booking.book({
    serviceId: service.id,
    start: slots[0]!.start,
    contact: { name: 'Test' },
    locale: 'de',
  });
}

async function expectAccessible(page: Page) {
  const violations = serious(await axeViolations(page));
  expect(violations, describeViolations(violations)).toEqual([]);
}

const inputValues = async (page: Page, label: string | RegExp) =>
  Promise.all((await page.getByLabel(label, { exact: true }).all()).map((input) => input.inputValue()));

describe.skipIf(skip)('Räume, Dienstleistungen, Abwesenheiten in Chromium', () => {
  let server: HarnessServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    assertBuilt('admin');
    const started = await startHarnessServer();
    server = started.server;
    const demo = JSON.parse(readFileSync(`${ROOT}server/src/demo/demo-data.json`, 'utf8')) as {
      centers: unknown[];
    };
    const { importCenters } = (await import(
      pathToFileURL(`${ROOT}server/src/importexport/import.service.ts`).href
    )) as Importer;
    const result = await importCenters(server.db, { ...demo, centers: demo.centers.slice(0, 1) }, null);
    const centerId = result.centers[0]!.id;
    // An appointment that keeps its service from being removed.
    await bookFirstSlot(server.url, centerId, 'Erstgespräch Suchtberatung');
    const { email, password } = await server.createStaff({ centerId, role: 'center_admin' });
    // The harness sets up the mandatory second factor on the first login.
    await server.loginStaff(email, password);
    const totpSecret = started.harness.totpSecrets.get(email);
    if (!totpSecret) throw new Error('The harness did not record the TOTP secret');

    browser = await launchChromium();
    context = await browser.newContext({ locale: 'de-DE' });
    page = await context.newPage();
    problems = watchPage(page);
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Bestätigungscode').waitFor({ timeout: 30_000 });
    await page.getByLabel('Bestätigungscode').fill(nextCode(totpSecret));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByTestId('staff-table').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('adds a room that is there after a reload', async () => {
    await page.getByRole('link', { name: 'Räume', exact: true }).click();
    const names = page.getByLabel('Bezeichnung des Raums');
    await names.first().waitFor({ timeout: 30_000 });
    expect(await inputValues(page, 'Bezeichnung des Raums')).toEqual(['Beratungsraum 1']);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Raum hinzufügen' }).click();
    await expect.poll(() => names.count()).toBe(2);
    await names.last().fill('Gruppenraum 2');
    await page.getByRole('button', { name: 'Räume speichern' }).click();
    await page.getByText('Die Räume sind gespeichert.').waitFor({ timeout: 30_000 });

    await page.reload();
    await names.first().waitFor({ timeout: 30_000 });
    expect((await inputValues(page, 'Bezeichnung des Raums')).sort()).toEqual([
      'Beratungsraum 1',
      'Gruppenraum 2',
    ]);
  });

  it('refuses to remove a service with appointments, marks a bad duration, and adds a service', async () => {
    await page.getByRole('link', { name: 'Dienstleistungen', exact: true }).click();
    await page.getByTestId('services-form').waitFor({ timeout: 30_000 });
    const names = page.getByLabel('Bezeichnung', { exact: true });
    const before = await names.count();
    await expectAccessible(page);

    // A service that still has an appointment: 409, said plainly, and nothing is lost.
    await page.getByRole('button', { name: /Erstgespräch Suchtberatung entfernen$/ }).click();
    await expect.poll(() => names.count()).toBe(before - 1);
    await page.getByRole('button', { name: 'Dienstleistungen speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Es gibt noch Termine' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Änderungen verwerfen' }).click();
    await expect.poll(() => names.count()).toBe(before);

    // A new service with a duration the server refuses: the problem is shown at the field.
    await page.getByRole('button', { name: 'Dienstleistung hinzufügen' }).click();
    await expect.poll(() => names.count()).toBe(before + 1);
    await names.last().fill('Offene Sprechstunde');
    const duration = page.getByLabel('Dauer', { exact: true }).last();
    await duration.fill('2');
    await page
      .getByRole('group', { name: 'Qualifizierte Sachbearbeiter:innen' })
      .last()
      .getByLabel('Berater*in (Demo)')
      .check();
    await page.getByRole('button', { name: 'Dienstleistungen speichern' }).click();
    const error = page.locator(`#p-services-${before}-durationMinutes-error`);
    await error.waitFor({ timeout: 30_000 });
    expect(await duration.getAttribute('aria-invalid')).toBe('true');
    expect(await duration.getAttribute('aria-describedby')).toContain(
      `p-services-${before}-durationMinutes-error`,
    );
    await expectAccessible(page);

    await duration.fill('30');
    await page.getByRole('button', { name: 'Dienstleistungen speichern' }).click();
    await page.getByText('Die Dienstleistungen sind gespeichert.').waitFor({ timeout: 30_000 });

    await page.reload();
    await names.first().waitFor({ timeout: 30_000 });
    const values = await inputValues(page, 'Bezeichnung');
    const index = values.indexOf('Offene Sprechstunde');
    expect(index, JSON.stringify(values)).toBeGreaterThanOrEqual(0);
    expect(await page.getByLabel('Dauer', { exact: true }).nth(index).inputValue()).toBe('30');
    expect(
      await page
        .getByRole('group', { name: 'Qualifizierte Sachbearbeiter:innen' })
        .nth(index)
        .getByLabel('Berater*in (Demo)')
        .isChecked(),
    ).toBe(true);
  });

  it('sets the reminders and the retention of contact data', async () => {
    const retention = page.getByLabel('Aufbewahrung der Kontaktdaten in Tagen');
    await retention.waitFor({ timeout: 30_000 });
    expect(await retention.inputValue()).toBe('30');
    expect(await page.getByLabel('Erinnerung 1: wie lange vorher').inputValue()).toBe('1');
    await retention.fill('14');
    await page.getByRole('button', { name: 'Erinnerung hinzufügen' }).click();
    await page.getByLabel('Erinnerung 2: wie lange vorher').fill('2');
    await page.getByLabel('Erinnerung 2: Einheit').selectOption('hours');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await page.getByText('Die Einstellungen sind gespeichert.').waitFor({ timeout: 30_000 });

    await page.reload();
    await retention.waitFor({ timeout: 30_000 });
    expect(await retention.inputValue()).toBe('14');
    expect(await page.getByLabel('Erinnerung 1: wie lange vorher').inputValue()).toBe('1');
    expect(await page.getByLabel('Erinnerung 1: Einheit').inputValue()).toBe('days');
    expect(await page.getByLabel('Erinnerung 2: wie lange vorher').inputValue()).toBe('2');
    expect(await page.getByLabel('Erinnerung 2: Einheit').inputValue()).toBe('hours');
  });

  it('edits the weekly availability of a Sachbearbeiter, with problems at the field', async () => {
    await page.getByRole('link', { name: 'Verfügbarkeit', exact: true }).click();
    await page.getByTestId('availability-form').waitFor({ timeout: 30_000 });
    expect(await inputValues(page, 'Name')).toContain('Berater*in (Demo)');
    await expectAccessible(page);

    const week = page.getByRole('group', { name: /^Wöchentliche Verfügbarkeit von .*Berater\*in \(Demo\)$/ });
    await week.getByRole('button', { name: 'Zeitraum am Samstag hinzufügen' }).click();
    const end = week.getByLabel('Samstag bis');
    await end.fill('25:00');
    await page.getByRole('button', { name: 'Verfügbarkeit speichern' }).click();
    await expect.poll(() => end.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await week.locator('.kern-error').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await end.fill('12:00');
    await page.getByRole('button', { name: 'Verfügbarkeit speichern' }).click();
    await page.getByText('Die Verfügbarkeit ist gespeichert.').waitFor({ timeout: 30_000 });
    await page.reload();
    await page.getByTestId('availability-form').waitFor({ timeout: 30_000 });
    expect(await week.getByLabel('Samstag von').inputValue()).toBe('09:00');
    expect(await week.getByLabel('Samstag bis').inputValue()).toBe('12:00');
  });

  it('shows the occurrences of absence series and saves a new one', async () => {
    await page.getByRole('link', { name: 'Abwesenheiten', exact: true }).click();
    await page.getByTestId('absences-form').waitFor({ timeout: 30_000 });
    const previews = page.getByTestId('series-preview');
    // The demo's team meeting: every Tuesday 12:00–13:00 from 1 September 2026.
    await expect
      .poll(() => previews.first().textContent(), { timeout: 30_000 })
      .toContain('Di., 01.09.2026, 12:00–13:00 Uhr');
    const before = await previews.count();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Abwesenheitsserie hinzufügen' }).click();
    await expect.poll(() => previews.count()).toBe(before + 1);
    const series = page.getByRole('group', { name: `Abwesenheitsserie ${before + 1}` });
    await series.getByLabel('Wer ist abwesend?').selectOption({ label: 'Raum: Gruppenraum 2' });
    await series.getByLabel('Wie oft?').selectOption({ label: 'Monatlich an einem Wochentag' });
    await series.getByLabel('Am', { exact: true }).selectOption({ label: 'ersten' });
    await series.getByLabel('Wochentag im Monat').selectOption({ label: 'Mittwoch' });
    await series.getByLabel('Ab', { exact: true }).fill('2099-01-01');
    await series.getByLabel('Grund').fill('Gruppe');
    // The first Wednesdays of 2099, eight of them and more.
    const preview = previews.last();
    await expect
      .poll(() => preview.textContent(), { timeout: 30_000 })
      .toContain('Mi., 07.01.2099, 12:00–13:00 Uhr');
    expect(await preview.getByRole('listitem').count()).toBe(8);
    expect(await preview.textContent()).toContain('und weitere');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Abwesenheiten speichern' }).click();
    await page.getByText('Die Abwesenheiten sind gespeichert.').waitFor({ timeout: 30_000 });
    await page.reload();
    await page.getByTestId('absences-form').waitFor({ timeout: 30_000 });
    await expect.poll(() => previews.count(), { timeout: 30_000 }).toBe(before + 1);
    expect(await inputValues(page, /^Grund/)).toContain('Gruppe');

    // The browser reports the refused saves (409, 422) itself; anything else is a problem.
    expect(problems.filter((p) => !/status of (409|422)/.test(p))).toEqual([]);
  });
});
