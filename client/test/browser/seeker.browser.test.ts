import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  announceSkip,
  assertBuilt,
  axeViolations,
  describeViolations,
  launchChromium,
  serious,
  startServer,
  watchPage,
  type BrowserTestServer,
} from '../../../scripts/browser-tests/support';

const skip = announceSkip('client');

describe.skipIf(skip)('help seeker app in Chromium', () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    assertBuilt('client');
    server = await startServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function freshPage(options: { bypassCSP?: boolean } = {}): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false, locale: 'de-DE' });
    page = await context.newPage();
    problems = watchPage(page);
    return page;
  }

  it('registers with a recovery code, logs out and in again, and deletes the account', async () => {
    const p = await freshPage();
    const pseudonym = `Sonnenblume${Date.now() % 100000}`;
    const password = 'Blauer Himmel über Köln 7';

    const apiBodies: string[] = [];
    p.on('request', (request) => {
      if (request.url().includes('/api/')) apiBodies.push(request.postData() ?? '');
    });

    await p.goto(`${server.url}/#/register`);
    await expect.poll(() => p.title()).toContain('Registrieren');
    await p.getByLabel('Benutzername').fill(pseudonym);
    await p.getByLabel('Passwort', { exact: true }).fill('kurz');
    await expect
      .poll(() => p.locator('#register-strength').textContent())
      .toContain('Passwortstärke: sehr schwach');
    await p.getByLabel('Passwort', { exact: true }).fill(password);
    await expect
      .poll(() => p.locator('#register-strength').textContent())
      .toMatch(/Passwortstärke: (gut|sehr gut)/);
    await p.getByLabel('Passwort wiederholen').fill(password);
    expect(await p.getByLabel('Wiederherstellungscode erstellen').isChecked()).toBe(true);
    await p.getByRole('button', { name: 'Registrieren' }).click();

    const code = p.getByTestId('recovery-code');
    await code.waitFor({ timeout: 30_000 });
    const recoveryCode = (await code.textContent())!.trim();
    expect(recoveryCode).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){4}$/);
    expect(await p.getByText('nur dieses eine Mal angezeigt').count()).toBeGreaterThan(0);

    // Neither the password nor the recovery code ever goes over the wire.
    expect(apiBodies.some((body) => body.includes(password) || body.includes(recoveryCode))).toBe(false);

    // Continuing needs the confirmation.
    await p.getByRole('button', { name: 'Weiter' }).click();
    expect(await p.getByText('Bitte bestätigen Sie, dass Sie den Code notiert haben.').isVisible()).toBe(
      true,
    );
    await p.getByLabel('Ich habe den Wiederherstellungscode sicher notiert.').check();
    await p.getByRole('button', { name: 'Weiter' }).click();
    await expect.poll(() => p.getByTestId('account-pseudonym').textContent()).toBe(pseudonym);

    await p.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await p.getByText('Sie sind abgemeldet.').waitFor();

    await p.goto(`${server.url}/#/login`);
    await p.getByLabel('Benutzername').fill(pseudonym);
    await p.getByLabel('Passwort', { exact: true }).fill('Falsches Passwort 123!');
    await p.getByRole('button', { name: 'Anmelden' }).click();
    await p.getByText('Benutzername oder Passwort ist falsch.').waitFor({ timeout: 30_000 });
    await p.getByLabel('Passwort', { exact: true }).fill(password);
    await p.getByRole('button', { name: 'Anmelden' }).click();
    await expect
      .poll(() => p.getByTestId('account-pseudonym').textContent(), { timeout: 30_000 })
      .toBe(pseudonym);

    // Deleting needs the password and the confirmation.
    await p.getByLabel('Passwort zur Bestätigung').fill(password);
    await p.getByRole('button', { name: 'Konto löschen' }).click();
    expect(await p.getByText('Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.').isVisible()).toBe(
      true,
    );
    await p.getByLabel('Ich möchte mein Konto und alle meine Daten endgültig löschen.').check();
    await p.getByRole('button', { name: 'Konto löschen' }).click();
    await p.getByText('Ihr Konto und alle Ihre Daten wurden gelöscht.').waitFor({ timeout: 30_000 });

    // The account is gone: logging in fails.
    await p.goto(`${server.url}/#/login`);
    await p.getByLabel('Benutzername').fill(pseudonym);
    await p.getByLabel('Passwort', { exact: true }).fill(password);
    await p.getByRole('button', { name: 'Anmelden' }).click();
    await p.getByText('Benutzername oder Passwort ist falsch.').waitFor({ timeout: 30_000 });

    expect(problems.filter((line) => !/401|404 \(Not Found\)/.test(line))).toEqual([]);
  });

  it('switches to English and back', async () => {
    const p = await freshPage();
    await p.goto(`${server.url}/#/login`);
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await p.locator('html').getAttribute('lang')).toBe('en');
    await p.getByRole('button', { name: 'Deutsch' }).click();
    await p.getByRole('heading', { name: 'Anmelden' }).waitFor();
    expect(await p.locator('html').getAttribute('lang')).toBe('de');
  });

  for (const [name, path] of [
    ['registration', '/#/register'],
    ['login', '/#/login'],
    ['start', '/#/'],
  ] as const) {
    it(`has no serious accessibility violations on the ${name} page`, async () => {
      const p = await freshPage();
      await p.goto(`${server.url}${path}`);
      await p.locator('h1').waitFor();
      if (name === 'registration') {
        // Also check the states with a strength meter and with field errors.
        await p.getByLabel('Passwort', { exact: true }).fill('kurz');
        await p.getByRole('button', { name: 'Registrieren' }).click();
        await p.locator('.kern-error').first().waitFor();
      }
      const violations = serious(await axeViolations(p));
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }
});
