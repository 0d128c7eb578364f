import { mkdirSync } from 'node:fs';
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
  watchPage,
  type BrowserTestServer,
} from '../../../scripts/browser-tests/support';

const skip = announceSkip('client finder');
/** Set to a directory to keep screenshots of the finder for a look by eye. */
const screenshots = process.env.FINDER_SCREENSHOTS;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const workdays = Object.fromEntries(
  weekdays.map((day) => [
    day,
    [
      { start: '09:00', end: '12:30' },
      { start: '13:30', end: '17:00' },
    ],
  ]),
);

function location(city: string, postalCode: string, latitude: number, longitude: number, extra = {}) {
  return {
    externalId: 'main',
    isMain: true,
    street: 'Hauptstraße 1',
    postalCode,
    city,
    latitude,
    longitude,
    openingHours: workdays,
    languages: ['de'],
    ...extra,
  };
}

/** A few centers around Düsseldorf, in the import format (docs/import-format.md). */
const file = {
  format: 'beratung-centers',
  version: 1,
  centers: [
    {
      externalId: 'rheinufer',
      organisation: 'Verein für Suchthilfe am Rhein e.V.',
      name: 'Suchtberatung Rheinufer',
      description: 'Wir beraten Menschen mit Fragen zu Alkohol und Drogen – und ihre Angehörigen.',
      website: 'https://suchtberatung-rheinufer.example.org',
      flags: { onlineChat: true, onSite: true, anonymous: true },
      holidays: { state: 'NW' },
      topics: ['suchtberatung', 'alkohol', 'angehoerige'],
      locations: [
        location('Düsseldorf', '40210', 51.2203, 6.7923, {
          street: 'Mühlenweg 102',
          email: 'kontakt@suchtberatung-rheinufer.example.org',
          phone: '+49 211 4710000',
          transportHints: 'Haltestelle Marktplatz (Bus und Straßenbahn)',
          parkingHints: 'Parkhaus zwei Gehminuten entfernt',
          accessibility: ['step_free_access', 'accessible_toilet'],
          languages: ['de', 'en', 'tr'],
        }),
      ],
      announcements: [
        { externalId: 'now', text: 'Offene Sprechstunde jeden Mittwoch ab 14 Uhr' },
        { externalId: 'old', text: 'Betriebsferien im Sommer', endsAt: '2020-08-31T00:00:00+02:00' },
      ],
    },
    {
      externalId: 'ratingen',
      organisation: 'Diakonie im Kreis Mettmann',
      name: 'Fachstelle Sucht Ratingen',
      flags: {},
      holidays: { state: 'NW' },
      topics: ['suchtberatung', 'drogen'],
      locations: [location('Ratingen', '40878', 51.2973, 6.8493)],
    },
    {
      externalId: 'neuss',
      organisation: 'Caritasverband Neuss',
      name: 'Schuldnerberatung Neuss',
      flags: { video: true },
      holidays: { state: 'NW' },
      topics: ['schuldnerberatung', 'insolvenz'],
      locations: [location('Neuss', '41460', 51.1981, 6.6916)],
    },
    {
      externalId: 'koeln',
      organisation: 'Drogenhilfe Köln gGmbH',
      name: 'Drogenhilfe Köln',
      flags: {},
      holidays: { state: 'NW' },
      topics: ['drogen'],
      locations: [location('Köln', '50667', 50.9375, 6.9603)],
    },
  ],
};

describe.skipIf(skip)('Beratungsstellenfinder in Chromium', () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let problems: string[];

  beforeAll(async () => {
    assertBuilt('client');
    const started = await startHarnessServer();
    server = started.wrapped;
    // The server's import, as `npm run import` uses it (outside the lint boundary of the apps).
    const service = (await import(
      pathToFileURL(`${ROOT}server/src/importexport/import.service.ts`).href
    )) as { importCenters(db: unknown, file: unknown, actor: string | null): Promise<unknown> };
    await service.importCenters(started.server.db, file, null);
    browser = await launchChromium();
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
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

  async function shot(page: Page, name: string) {
    if (screenshots) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  }

  async function expectAccessible(page: Page) {
    const violations = serious(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  const cards = (page: Page) => page.locator('.finder-list > li');

  it('is reachable from the start page and finds the nearest center first', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/`);
    await p.getByRole('navigation').getByRole('link', { name: 'Beratungsstelle finden' }).waitFor();
    await p.getByRole('main').getByRole('link', { name: 'Beratungsstelle finden' }).click();
    await p.getByRole('heading', { level: 1, name: 'Beratungsstelle finden' }).waitFor();

    await p.getByLabel('Thema').selectOption('suchtberatung');
    await p.getByLabel('PLZ oder Ort').fill('Düsseldorf');
    await p.getByRole('button', { name: 'Suchen' }).click();

    await p.getByText('2 Beratungsstellen gefunden').waitFor();
    expect(decodeURIComponent(new URL(p.url()).hash)).toBe(
      '#/finder?topic=suchtberatung&near=Düsseldorf&radiusKm=25',
    );
    // Focus moves to the results.
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('finder-results-title');
    await expect.poll(() => cards(p).count(), { timeout: 15_000 }).toBe(2);
    const first = cards(p).first();
    expect(await first.getByRole('heading').textContent()).toBe('Suchtberatung Rheinufer');
    expect(await first.textContent()).toMatch(/\d+,\d\u00a0km entfernt/);
    expect(await first.textContent()).toContain('Online-Beratung');
    expect(await first.textContent()).toMatch(/Heute (geöffnet|geschlossen)/);
    expect(await cards(p).nth(1).getByRole('heading').textContent()).toBe('Fachstelle Sucht Ratingen');
    // Other topics and places beyond the radius are not shown.
    expect(await p.getByText('Schuldnerberatung Neuss').count()).toBe(0);
    expect(await p.getByText('Drogenhilfe Köln').count()).toBe(0);

    await shot(p, 'finder-results');
    await expectAccessible(p);

    // The link is shareable: a fresh page with it shows the same search, form filled in.
    const link = p.url();
    const q = await freshPage();
    await q.goto(link);
    await expect.poll(() => cards(q).count(), { timeout: 15_000 }).toBe(2);
    expect(await q.getByLabel('PLZ oder Ort').inputValue()).toBe('Düsseldorf');
    expect(await q.getByLabel('Thema').inputValue()).toBe('suchtberatung');
    expect(problems).toEqual([]);
  });

  it('suggests the right place for a typo, and the back button restores the search', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder`);
    await p.getByLabel('PLZ oder Ort').fill('Düseldorf');
    await p.getByRole('button', { name: 'Suchen' }).click();

    const suggestion = p.getByRole('button', { name: 'Meinten Sie: Düsseldorf?' });
    await suggestion.waitFor();
    expect(await p.getByText('„Düseldorf“ kennen wir nicht').count()).toBe(1);
    await shot(p, 'finder-unknown-place');
    await expectAccessible(p);

    await suggestion.click();
    await p.getByText('3 Beratungsstellen gefunden').waitFor();
    expect(await p.getByLabel('PLZ oder Ort').inputValue()).toBe('Düsseldorf');
    expect(await cards(p).first().getByRole('heading').textContent()).toBe('Suchtberatung Rheinufer');

    await p.goBack();
    await suggestion.waitFor();
    expect(await p.getByLabel('PLZ oder Ort').inputValue()).toBe('Düseldorf');
    // A search the 422 answer is expected for logs no other error than that response.
    expect(problems.filter((line) => !/422/.test(line))).toEqual([]);
  });

  it('helps when nothing is found', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder?topic=notunterkunft&near=40227&radiusKm=10`);
    await p.getByText('Keine Beratungsstelle gefunden').waitFor();
    await p.getByRole('link', { name: 'im Umkreis von 25 km suchen' }).waitFor();
    await p.getByRole('link', { name: 'ohne Thema, Suchbegriff und Online-Filter suchen' }).click();
    await p.getByText(/Beratungsstellen gefunden/).waitFor();
    expect(decodeURIComponent(new URL(p.url()).hash)).toBe('#/finder?near=40227&radiusKm=10');
    expect(problems).toEqual([]);
  });

  it('shows a center with opening hours, contact, announcements and the way to online counseling', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder?near=D%C3%BCsseldorf&radiusKm=25`);
    await cards(p).first().getByRole('link', { name: 'Suchtberatung Rheinufer' }).click();

    await p.getByRole('heading', { level: 1, name: 'Suchtberatung Rheinufer' }).waitFor();
    expect(await p.title()).toContain('Suchtberatung Rheinufer');
    expect(await p.getByText('Verein für Suchthilfe am Rhein e.V.').count()).toBe(1);

    // Announcements: the current one only.
    await p.getByText('Offene Sprechstunde jeden Mittwoch ab 14 Uhr').waitFor();
    expect(await p.getByText('Betriebsferien im Sommer').count()).toBe(0);

    const hours = p.getByRole('table', { name: 'Öffnungszeiten' });
    expect(await hours.getByRole('row').count()).toBe(8);
    expect(await hours.getByRole('row', { name: /Montag/ }).textContent()).toContain(
      '09:00–12:30 und 13:30–17:00\u00a0Uhr',
    );
    expect(await hours.getByRole('row', { name: /Sonntag/ }).textContent()).toContain('geschlossen');

    expect(await p.getByRole('link', { name: '+49 211 4710000' }).getAttribute('href')).toBe(
      'tel:+492114710000',
    );
    expect(
      await p.getByRole('link', { name: 'kontakt@suchtberatung-rheinufer.example.org' }).getAttribute('href'),
    ).toBe('mailto:kontakt@suchtberatung-rheinufer.example.org');
    await p.getByText('Haltestelle Marktplatz (Bus und Straßenbahn)').waitFor();
    await p.getByText('Stufenloser Zugang, Barrierefreies WC').waitFor();
    await p.getByText('Deutsch, Englisch, Türkisch').waitFor();

    const offers = p.getByRole('region', { name: 'Mehr Angebote dieser Beratungsstelle' });
    expect(await offers.getByRole('link').allTextContents()).toEqual([
      'Suchtberatung',
      'Alkohol',
      'Angehörige',
    ]);

    const start = p.getByRole('link', { name: 'Online-Beratung starten' });
    // Straight to the inquiry for this center (which asks to register or log in first).
    expect(await start.getAttribute('href')).toMatch(/^#\/finder\/[0-9a-f-]{36}\/beratung$/);
    await shot(p, 'center-detail');
    await expectAccessible(p);

    // Back to the results of the search the person came from.
    await p.getByRole('link', { name: 'Zurück zur Suche' }).click();
    await p.getByText('3 Beratungsstellen gefunden').waitFor();

    // A center without online chat has no call to action.
    await p.getByRole('link', { name: 'Fachstelle Sucht Ratingen' }).click();
    await p.getByRole('heading', { level: 1, name: 'Fachstelle Sucht Ratingen' }).waitFor();
    expect(await p.getByRole('link', { name: 'Online-Beratung starten' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('answers an unknown center id with a clear page', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/finder/00000000-0000-4000-8000-000000000000`);
    await p.getByRole('heading', { level: 1, name: 'Beratungsstelle nicht gefunden' }).waitFor();
    expect(problems.filter((line) => !/404/.test(line))).toEqual([]);
  });
});
