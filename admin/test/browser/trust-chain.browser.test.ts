import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  announceSkip,
  assertBuilt,
  axeViolations,
  describeViolations,
  launchChromium,
  serious,
  watchPage,
} from '../../../scripts/browser-tests/support';
import { startServerWithPlatformKey, type PlatformTestServer } from '../../../scripts/browser-tests/platform';
import { totp } from '../../../scripts/browser-tests/totp';

const skip = announceSkip('admin trust chain');

/** The code of the next 30-second step: the harness already used the current one. */
const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);
const FINGERPRINT = /^(\d{5} ){7}\d{5}$/;

describe.skipIf(skip)('trust chain in the counseling-center app', () => {
  let server: PlatformTestServer;
  let browser: Browser;

  beforeAll(async () => {
    assertBuilt('admin');
    server = await startServerWithPlatformKey();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loggedIn(account: { email: string; password: string; totpSecret: string }) {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page: Page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(account.email);
    await page.getByLabel('Passwort', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Bestätigungscode').fill(nextCode(account.totpSecret));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByRole('link', { name: 'Konto' }).waitFor({ timeout: 30_000 });
    return { page, problems, close: () => context.close() };
  }

  async function expectAccessible(page: Page) {
    const violations = serious(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('a platform admin certifies a center admin, who then publishes the team key', async () => {
    const admin = await server.createCenterAdmin!();
    const platformAdmin = await server.createPlatformAdmin();

    // Not certified yet: the center admin is told so and sees the fingerprint to compare.
    const center = await loggedIn(admin);
    await center.page.getByRole('link', { name: 'Sicherheit' }).click();
    await center.page.getByText(`Für ${admin.centerName} gibt es noch keinen Teamschlüssel.`).waitFor();
    await center.page.getByRole('button', { name: 'Teamschlüssel erstellen' }).click();
    await center.page.getByText('Ihr Schlüssel ist noch nicht bestätigt').waitFor({ timeout: 30_000 });
    const own = (await center.page.getByTestId('own-fingerprint').textContent())!;
    expect(own).toMatch(FINGERPRINT);
    await expectAccessible(center.page);

    // The platform admin finds the center admin with the same fingerprint and confirms the key.
    const platform = await loggedIn(platformAdmin);
    await platform.page.getByRole('link', { name: 'Zertifizierungen' }).click();
    const table = platform.page.getByTestId('pending-certificates');
    await table.waitFor({ timeout: 30_000 });
    const row = table.getByRole('row').filter({ hasText: admin.centerName });
    expect(await row.textContent()).toContain(own);
    await expectAccessible(platform.page);
    await row.getByRole('button', { name: /^Schlüssel bestätigen/ }).click();
    await platform.page.getByText(/ist bestätigt\.$/).waitFor({ timeout: 30_000 });
    await expect.poll(() => row.count()).toBe(0);
    expect(platform.problems).toEqual([]);
    await platform.close();

    // Now the center admin publishes epoch 1 of the team key.
    await center.page.getByRole('button', { name: 'Teamschlüssel erstellen' }).click();
    await center.page
      .getByText('Der Teamschlüssel (Generation 1) ist veröffentlicht.')
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => center.page.getByTestId('team-key-epoch').textContent()).toBe('1');
    const status = (await center.page.getByTestId('team-key-status').textContent())!;
    expect(await center.page.getByTestId('team-key-members').textContent()).toBe('1');
    expect(status).toMatch(/(\d{5} ){7}\d{5}/);
    await center.page.getByRole('button', { name: 'Teamschlüssel erneuern' }).waitFor();
    await expectAccessible(center.page);
    expect(center.problems).toEqual([]);
    await center.close();
  });

  it('keeps the second-factor policy for counselors', async () => {
    const admin = await server.createCenterAdmin!();
    const { page, problems, close } = await loggedIn(admin);
    await page.getByRole('link', { name: 'Sicherheit' }).click();
    const checkbox = page.getByLabel('Zwei-Faktor-Anmeldung für Berater:innen verpflichtend');
    await checkbox.waitFor({ timeout: 30_000 });
    expect(await checkbox.isChecked()).toBe(false);
    await checkbox.check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Die Einstellung ist gespeichert.').waitFor();

    // After a reload the setting comes from the server; the keys need the password again.
    await page.reload();
    await checkbox.waitFor({ timeout: 30_000 });
    expect(await checkbox.isChecked()).toBe(true);
    await page.getByRole('heading', { name: 'Schlüssel entsperren' }).waitFor();
    await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Entsperren' }).click();
    await page.getByRole('button', { name: 'Teamschlüssel erstellen' }).waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
    await close();
  });
});
