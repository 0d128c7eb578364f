import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const skip = announceSkip('admin profile');

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

describe.skipIf(skip)('Stammdaten (center self-service) in Chromium', () => {
  let server: HarnessServer;
  let browser: Browser;
  let admin: { email: string; password: string; totpSecret: string };
  let demoName: string;

  beforeAll(async () => {
    assertBuilt('admin');
    const started = await startHarnessServer();
    server = started.server;
    const demo = JSON.parse(readFileSync(`${ROOT}server/src/demo/demo-data.json`, 'utf8')) as {
      centers: Array<{ name: string }>;
    };
    demoName = demo.centers[0]!.name;
    const { importCenters } = (await import(
      pathToFileURL(`${ROOT}server/src/importexport/import.service.ts`).href
    )) as Importer;
    const result = await importCenters(server.db, { ...demo, centers: demo.centers.slice(0, 1) }, null);
    const centerId = result.centers[0]!.id;
    const { email, password } = await server.createStaff({ centerId, role: 'center_admin' });
    // The harness sets up the mandatory second factor on the first login.
    await server.loginStaff(email, password);
    const totpSecret = started.harness.totpSecrets.get(email);
    if (!totpSecret) throw new Error('The harness did not record the TOTP secret');
    admin = { email, password, totpSecret };
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function logIn(page: Page) {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(admin.email);
    await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Bestätigungscode').waitFor({ timeout: 30_000 });
    await page.getByLabel('Bestätigungscode').fill(nextCode(admin.totpSecret));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByTestId('staff-table').waitFor({ timeout: 30_000 });
  }

  it('edits the name and an announcement, shows field errors, and is accessible', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await logIn(page);

    await page.getByRole('link', { name: 'Stammdaten' }).click();
    const name = page.getByLabel('Name der Beratungsstelle');
    await name.waitFor({ timeout: 30_000 });
    expect(await name.inputValue()).toBe(demoName);

    const loaded = serious(await axeViolations(page));
    expect(loaded, describeViolations(loaded)).toEqual([]);

    // Change the name and add an announcement.
    await name.fill('Suchtberatung am Rheinufer (neu)');
    const before = await page.getByLabel('Text der Ankündigung').count();
    await page.getByRole('button', { name: 'Ankündigung hinzufügen' }).click();
    const texts = page.getByLabel('Text der Ankündigung');
    await expect.poll(() => texts.count()).toBe(before + 1);
    await texts.last().fill('Am 24. Dezember ist die Beratungsstelle geschlossen.');
    await page
      .getByLabel(/^Ende\b/)
      .last()
      .fill('2099-12-27T00:00');
    await page.getByRole('button', { name: 'Stammdaten speichern' }).click();
    await page.getByText('Die Stammdaten sind gespeichert.').waitFor({ timeout: 30_000 });

    // After a reload, the saved values come back from the server.
    await page.reload();
    await name.waitFor({ timeout: 30_000 });
    expect(await name.inputValue()).toBe('Suchtberatung am Rheinufer (neu)');
    await expect.poll(() => texts.count()).toBe(before + 1);
    // The server may list the announcements in another order.
    const values = await Promise.all((await texts.all()).map((input) => input.inputValue()));
    const index = values.indexOf('Am 24. Dezember ist die Beratungsstelle geschlossen.');
    expect(index, JSON.stringify(values)).toBeGreaterThanOrEqual(0);
    expect(
      await page
        .getByLabel(/^Ende\b/)
        .nth(index)
        .inputValue(),
    ).toBe('2099-12-27T00:00');

    // An invalid email is marked at its field.
    const email = page.getByLabel('Öffentliche E-Mail-Adresse').first();
    await email.fill('keine-adresse');
    await page.getByRole('button', { name: 'Stammdaten speichern' }).click();
    const error = page.locator('#p-locations-0-email-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/email/i);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('p-locations-0-email-error');
    await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' }).waitFor();

    const withErrors = serious(await axeViolations(page));
    expect(withErrors, describeViolations(withErrors)).toEqual([]);

    // Nothing was saved: the old value is still there after a reload.
    await page.reload();
    await name.waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Öffentliche E-Mail-Adresse').first().inputValue()).not.toBe(
      'keine-adresse',
    );

    // The browser reports the 422 itself; anything else is a problem.
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    await context.close();
  });
});
