import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ROOT,
  announceSkip,
  assertBuilt,
  axeViolations,
  describeViolations,
  launchChromium,
  serious,
  startHarnessServer,
  type BrowserTestServer,
  watchPage,
} from '../../../scripts/browser-tests/support';

const skip = announceSkip('client booking');

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Open and available every day, so there are free slots whenever the test runs. */
const allWeek = Object.fromEntries(days.map((day) => [day, [{ start: '07:00', end: '21:00' }]]));

const file = {
  format: 'beratung-centers',
  version: 1,
  centers: [
    {
      externalId: 'termine',
      organisation: 'Verein für Suchthilfe am Rhein e.V.',
      name: 'Suchtberatung Rheinufer',
      flags: { onSite: true },
      holidays: { state: 'NW', observe: false },
      topics: ['suchtberatung'],
      locations: [
        {
          externalId: 'main',
          isMain: true,
          street: 'Mühlenweg 102',
          postalCode: '40210',
          city: 'Düsseldorf',
          latitude: 51.2203,
          longitude: 6.7923,
          openingHours: allWeek,
          languages: ['de'],
        },
      ],
      counselors: [{ externalId: 'c1', displayName: 'Anna Becker' }],
      availability: [{ counselor: 'c1', hours: allWeek }],
      services: [
        {
          externalId: 'first-talk',
          name: 'Erstgespräch',
          mode: 'on_site',
          durationMinutes: 50,
          counselors: ['c1'],
        },
      ],
    },
  ],
};

describe.skipIf(skip)('Online-Terminbuchung in Chromium', () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let problems: string[];

  beforeAll(async () => {
    assertBuilt('client');
    const started = await startHarnessServer();
    server = started.wrapped;
    const service = (await import(
      pathToFileURL(`${ROOT}server/src/importexport/import.service.ts`).href
    )) as { importCenters(db: unknown, file: unknown, actor: string | null): Promise<unknown> };
    await service.importCenters(started.server.db, file, null);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    problems = watchPage(page);
    return page;
  }

  async function expectAccessible(page: Page) {
    const violations = serious(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('books the first free slot, then cancels it from the manage link', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder?near=D%C3%BCsseldorf&radiusKm=25`);
    await p.getByRole('link', { name: 'Suchtberatung Rheinufer' }).click();
    await p.getByRole('heading', { level: 1, name: 'Suchtberatung Rheinufer' }).waitFor();
    await p.getByRole('link', { name: 'Termin buchen' }).click();

    // 1. Angebot wählen
    await p.getByRole('heading', { level: 1, name: 'Online-Terminbuchung' }).waitFor();
    await p.getByRole('heading', { name: 'Schritt 1 von 4: Angebot wählen' }).waitFor();
    expect(new URL(p.url()).hash).toMatch(/^#\/finder\/[0-9a-f-]+\/termin$/);
    await expectAccessible(p);
    await p.getByRole('button', { name: 'Erstgespräch auswählen' }).click();

    // 2. Datum und Uhrzeit: the first day with free slots (next month near a month's end)
    await p.getByRole('heading', { name: 'Schritt 2 von 4: Datum und Uhrzeit' }).waitFor();
    const freeDays = p.locator('button.booking-day');
    await p.locator('.booking-calendar caption').waitFor();
    await expect
      .poll(async () => (await p.getByText('Wird geladen').count()) === 0, { timeout: 15_000 })
      .toBe(true);
    if ((await freeDays.count()) === 0) {
      await p.getByRole('button', { name: 'Nächster Monat' }).click();
      await freeDays.first().waitFor();
    }
    await expectAccessible(p);
    await freeDays.first().click();
    const firstTime = p.locator('.booking-slots button').first();
    await firstTime.waitFor();
    await firstTime.click();

    // 3. Kontaktdaten
    await p.getByRole('heading', { name: 'Schritt 3 von 4: Kontaktdaten' }).waitFor();
    await p.getByText('Ohne E-Mail keine Erinnerung').waitFor();
    await p.getByLabel('Name').fill('Alex Test');
    await p.getByLabel(/E-Mail-Adresse/).fill('alex@example.org');
    expect(await p.getByText('Ohne E-Mail keine Erinnerung').count()).toBe(0);
    await expectAccessible(p);
    await p.getByRole('button', { name: 'Termin verbindlich buchen' }).click();

    // 4. Bestätigung
    await p.getByRole('heading', { name: 'Schritt 4 von 4: Bestätigung' }).waitFor();
    await p.getByText('Ihr Termin ist gebucht').waitFor();
    const code = (await p.getByTestId('booking-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await p.getByText('Mühlenweg 102').count()).toBeGreaterThan(0);
    await p.getByRole('button', { name: 'In den Kalender übernehmen (.ics)' }).waitFor();
    await expectAccessible(p);

    // The manage page: view, then cancel with a reason.
    await p.getByRole('link', { name: 'Termin ansehen, verschieben oder absagen' }).click();
    await p.getByRole('heading', { level: 1, name: 'Ihr Termin' }).waitFor();
    expect(new URL(p.url()).hash).toMatch(new RegExp(`^#/termin/${code}/.+`));
    await expect.poll(() => p.getByTestId('booking-status').textContent()).toBe('gebucht');
    await expectAccessible(p);
    await p.getByRole('button', { name: 'Termin absagen' }).click();
    await p.getByLabel(/Grund der Absage/).fill('Es geht mir besser.');
    await p.getByRole('button', { name: 'Termin jetzt absagen' }).click();
    await p.getByText('Ihr Termin wurde abgesagt.').waitFor();
    expect(await p.getByTestId('booking-status').textContent()).toBe('abgesagt');
    expect(await p.getByRole('button', { name: 'Termin absagen' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('finds the days a preferred time is free and checks the contact form', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder?near=D%C3%BCsseldorf&radiusKm=25`);
    await p.getByRole('link', { name: 'Suchtberatung Rheinufer' }).click();
    await p.getByRole('link', { name: 'Termin buchen' }).click();
    await p.getByRole('button', { name: 'Erstgespräch auswählen' }).click();
    await p.getByRole('button', { name: 'Suche nach Wunschzeit' }).click();
    await p.getByLabel('Wunschzeit').fill('25:00');
    await p.getByRole('button', { name: 'Tage suchen' }).click();
    await p.getByText('Bitte geben Sie eine Uhrzeit im Format HH:MM ein').waitFor();
    await p.getByLabel('Wunschzeit').fill('10:00');
    await p.getByRole('button', { name: 'Tage suchen' }).click();
    await p.getByText(/\d+ Tage gefunden\./).waitFor();
    const choices = p.locator('.booking-slots button');
    expect(await choices.first().textContent()).toContain('10:00 Uhr');
    await expectAccessible(p);
    await choices.first().click();

    await p.getByRole('heading', { name: 'Schritt 3 von 4: Kontaktdaten' }).waitFor();
    await p.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await p.getByText('Bitte geben Sie einen Namen an.').waitFor();
    expect(await p.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(p);
    expect(problems).toEqual([]);
  });
});
