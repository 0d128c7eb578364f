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

const skip = announceSkip('client booking: slot gone, expired hold, reschedule');

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Open and available every day, so there are free slots whenever the test runs. */
const allWeek = Object.fromEntries(days.map((day) => [day, [{ start: '07:00', end: '21:00' }]]));

const file = {
  format: 'beratung-centers',
  version: 1,
  centers: [
    {
      externalId: 'termine-verwalten',
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
      // one counselor: a slot someone else books is gone for everybody
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

/** The few query-builder calls these tests make on the harness's database. */
interface Db {
  selectFrom(table: 'services' | 'centers'): {
    select(columns: string[]): { execute(): Promise<Array<Record<string, string>>> };
  };
  updateTable(table: 'bookings'): {
    set(values: { hold_expires_at: Date }): {
      where(column: 'status', op: '=', value: 'held'): { execute(): Promise<unknown> };
    };
  };
}

describe.skipIf(skip)('Termin verschieben, vergebene Zeit, abgelaufene Reservierung in Chromium', () => {
  let server: BrowserTestServer;
  let db: Db;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let problems: string[];
  let centerId = '';
  let serviceId = '';

  beforeAll(async () => {
    assertBuilt('client');
    const started = await startHarnessServer();
    server = started.wrapped;
    db = started.server.db as unknown as Db;
    const service = (await import(
      pathToFileURL(`${ROOT}server/src/importexport/import.service.ts`).href
    )) as { importCenters(db: unknown, file: unknown, actor: string | null): Promise<unknown> };
    await service.importCenters(started.server.db, file, null);
    centerId = (await db.selectFrom('centers').select(['id']).execute())[0]!.id!;
    serviceId = (await db.selectFrom('services').select(['id']).execute())[0]!.id!;
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

  /** Someone else books `start` through the public API (from Node, not the page). */
  async function bookElsewhere(start: string) {
    const response = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ serviceId, start, contact: { name: 'Jemand anderes' }, locale: 'de' }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
  }

  /**
   * Opens the first day with plenty of free slots in the picker (in the afternoon, today
   * has only a few left, and once this test has booked some, none two hours after the
   * first); returns its slots (as the page loaded them) and the time buttons.
   */
  async function openFirstFreeDay(p: Page) {
    const freeDays = p.locator('button.booking-day');
    await p.locator('.booking-calendar caption').waitFor();
    const plentiful = async () => {
      await expect
        .poll(async () => (await p.getByText('Wird geladen').count()) === 0, { timeout: 15_000 })
        .toBe(true);
      // each day's label ends with its number of free slots ("… 14 freie Termine")
      const counts = await freeDays.evaluateAll((days) =>
        days.map((day) => Number(/(\d+)\D*$/.exec(day.getAttribute('aria-label') ?? '')?.[1] ?? 0)),
      );
      // a whole day has 53 (07:00–20:10 every 15 min); the few this test books leave 30
      return counts.findIndex((count) => count >= 30);
    };
    let index = await plentiful();
    if (index < 0) {
      await p.getByRole('button', { name: 'Nächster Monat' }).click();
      await freeDays.first().waitFor();
      index = await plentiful();
    }
    const loaded = p.waitForResponse((r) => new URL(r.url()).pathname === '/api/slots');
    await freeDays.nth(index).click();
    const slots = ((await (await loaded).json()) as { slots: Array<{ start: string }> }).slots;
    const buttons = p.locator('.booking-slots button');
    await buttons.first().waitFor();
    expect(await buttons.count()).toBe(slots.length);
    expect(slots.length).toBeGreaterThan(2);
    return { slots, buttons };
  }

  const hhmm = (iso: string) => iso.slice(11, 16);
  /** The first slot two hours after `taken`: with one counselor, the ones in between overlap it. */
  const clearOf = (slots: Array<{ start: string }>, taken: string) => {
    const index = slots.findIndex((s) => Date.parse(s.start) >= Date.parse(taken) + 2 * 3_600_000);
    expect(index, 'a free time two hours after the first one on that day').toBeGreaterThan(0);
    return index;
  };

  it('recovers when the chosen time is taken, when the reservation expires, and moves the appointment', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder/${centerId}/termin`);
    await p.getByRole('button', { name: 'Erstgespräch auswählen' }).click();
    await p.getByRole('heading', { name: 'Schritt 2 von 4: Datum und Uhrzeit' }).waitFor();

    // 1. The time shown is booked by someone else before the person chooses it: 409 SLOT_TAKEN.
    let { slots, buttons } = await openFirstFreeDay(p);
    await bookElsewhere(slots[0]!.start);
    const taken = p.waitForResponse((r) => new URL(r.url()).pathname === '/api/holds');
    await buttons.first().click();
    expect((await taken).status()).toBe(409);
    await p.getByText('Dieser Termin wurde gerade vergeben. Bitte wählen Sie eine andere Zeit.').waitFor();
    await p.getByRole('heading', { name: 'Schritt 2 von 4: Datum und Uhrzeit' }).waitFor();
    await expectAccessible(p);

    // Another time of the same day: the reservation (hold) succeeds.
    const second = clearOf(slots, slots[0]!.start);
    expect(await buttons.nth(second).textContent()).toContain(hhmm(slots[second]!.start));
    await buttons.nth(second).click();
    await p.getByRole('heading', { name: 'Schritt 3 von 4: Kontaktdaten' }).waitFor();
    await p.getByLabel('Name').fill('Alex Test');

    // 2. The reservation runs out while the person types, and someone else takes that
    // time: confirming answers 410 HOLD_EXPIRED and leads back to the times.
    await db
      .updateTable('bookings')
      .set({ hold_expires_at: new Date(Date.now() - 60_000) })
      .where('status', '=', 'held')
      .execute();
    await bookElsewhere(slots[second]!.start);
    const expired = p.waitForResponse((r) => new URL(r.url()).pathname === '/api/bookings');
    await p.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    expect((await expired).status()).toBe(410);
    await p
      .getByText('Die Reservierung ist abgelaufen. Bitte wählen Sie die Zeit erneut oder eine andere Zeit.')
      .waitFor();
    await p.getByRole('heading', { name: 'Schritt 2 von 4: Datum und Uhrzeit' }).waitFor();
    await expectAccessible(p);

    // Recovery: the two taken times are no longer offered; the next one is booked.
    const gone = [slots[0]!.start, slots[second]!.start];
    ({ slots, buttons } = await openFirstFreeDay(p));
    for (const start of gone) expect(slots.map((s) => s.start)).not.toContain(start);
    const booked = slots[0]!.start;
    await buttons.first().click();
    await p.getByRole('heading', { name: 'Schritt 3 von 4: Kontaktdaten' }).waitFor();
    await p.getByLabel('Name').fill('Alex Test');
    await p.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await p.getByText('Ihr Termin ist gebucht').waitFor();

    // 3. The manage page: move the appointment. The first time offered is taken by
    // someone else meanwhile (409 SLOT_TAKEN, the appointment stays), then another one.
    await p.getByRole('link', { name: 'Termin ansehen, verschieben oder absagen' }).click();
    await p.getByRole('heading', { level: 1, name: 'Ihr Termin' }).waitFor();
    await expect.poll(() => p.getByTestId('booking-status').textContent()).toBe('gebucht');
    const when = p.locator('dt:text-is("Datum und Uhrzeit") + dd');
    expect(await when.textContent()).toContain(`${hhmm(booked)} Uhr`);
    await p.getByRole('button', { name: 'Termin verschieben' }).click();
    await p.getByRole('heading', { name: 'Termin verschieben' }).waitFor();
    ({ slots, buttons } = await openFirstFreeDay(p));
    expect(slots.map((s) => s.start)).not.toContain(booked);
    await expectAccessible(p);

    await bookElsewhere(slots[0]!.start);
    const refused = p.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/reschedule'));
    await buttons.first().click();
    expect((await refused).status()).toBe(409);
    await p.getByText('Dieser Termin wurde gerade vergeben. Bitte wählen Sie eine andere Zeit.').waitFor();
    expect(await when.textContent()).toContain(`${hhmm(booked)} Uhr`);
    await expectAccessible(p);

    const other = clearOf(slots, slots[0]!.start);
    const target = slots[other]!.start;
    await buttons.nth(other).click();
    await p.getByText('Ihr Termin wurde verschoben.').waitFor();
    await expect.poll(() => when.textContent()).toContain(`${hhmm(target)} Uhr`);
    await expect.poll(() => p.getByTestId('booking-status').textContent()).toBe('gebucht');
    expect(await p.getByText('Dieser Termin wurde gerade vergeben').count()).toBe(0);
    expect(await p.getByRole('heading', { name: 'Termin verschieben' }).count()).toBe(0);
    await expectAccessible(p);

    // The new time is what the server has, after a reload too.
    await p.reload();
    await p.getByRole('heading', { level: 1, name: 'Ihr Termin' }).waitFor();
    await expect.poll(() => when.textContent()).toContain(`${hhmm(target)} Uhr`);
    expect(problems.filter((m) => !/status of 40[9]|status of 410/.test(m))).toEqual([]);
  });
});
