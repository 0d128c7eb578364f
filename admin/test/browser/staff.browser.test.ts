import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BeratungClient } from '@beratung/shared';
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
import { totp } from '../../../scripts/browser-tests/totp';

const skip = announceSkip('admin');

/** The code of the next 30-second step: the current one may already have been used once. */
const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);

describe.skipIf(skip)('counseling-center app in Chromium', () => {
  let server: BrowserTestServer;
  let browser: Browser;

  beforeAll(async () => {
    assertBuilt('admin');
    server = await startServer();
    if (!server.createCenterAdmin || !server.mails) {
      throw new Error(
        'The server test harness must provide createCenterAdmin() and mails() for the admin browser test',
      );
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A center admin (through the SDK, as a second browser would) invites a colleague; returns the link. */
  async function inviteColleague(email: string, displayName: string) {
    const admin = await server.createCenterAdmin!();
    const client = new BeratungClient({ baseUrl: server.url, nodeOrigin: server.url });
    const login = await client.login(admin.email, admin.password);
    expect(login.stage).toBe('mfa_pending');
    await client.verifyMfa(nextCode(admin.totpSecret));
    await client.invite(admin.centerId, { email, displayName, role: 'center_admin' });
    const mail = (await server.mails!()).reverse().find((m) => m.to === email);
    const link = /https?:\/\/\S+\/admin\/#\/invite\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    if (!link) throw new Error(`No invite link in the mail to ${email}: ${JSON.stringify(mail)}`);
    return { link, admin };
  }

  it('accepts an invitation, sets up TOTP, and sees the team', async () => {
    const email = `neu${Date.now() % 100000}@example.org`;
    const { link, admin } = await inviteColleague(email, 'Alex Neu');

    const context = await browser.newContext({ locale: 'de-DE' });
    const page: Page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(link);

    await page.getByTestId('invite-center').waitFor();
    expect(await page.getByTestId('invite-center').textContent()).toBe(admin.centerName);
    expect(await page.getByTestId('invite-email').textContent()).toBe(email);
    expect(await page.getByText('Leitung', { exact: true }).count()).toBeGreaterThan(0);

    const password = 'Gelbe Tulpen am Rhein 42';
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await expect
      .poll(() => page.locator('#invite-strength').textContent())
      .toMatch(/Passwortstärke: (gut|sehr gut)/);
    await page.getByLabel('Passwort wiederholen').fill(password);
    await page.getByRole('button', { name: 'Einladung annehmen' }).click();

    // Center admins must set up the second factor.
    await page.getByRole('heading', { name: 'Zweiten Faktor einrichten' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('totp-secret').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(
      await page
        .getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' })
        .getAttribute('src'),
    ).toMatch(/^data:image\/png;base64,/);

    // Accessibility of the enrolment page, with its QR code.
    const setupViolations = serious(await axeViolations(page));
    expect(setupViolations, describeViolations(setupViolations)).toEqual([]);

    await page.getByLabel('Code aus der App').fill(totp(secret));
    await page.getByRole('button', { name: 'Einrichten' }).click();

    await page.getByTestId('recovery-codes').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBeGreaterThan(0);
    await page.getByLabel('Ich habe die Wiederherstellungscodes sicher aufbewahrt.').check();
    await page.getByRole('button', { name: 'Weiter' }).click();

    const table = page.getByTestId('staff-table');
    await table.waitFor({ timeout: 30_000 });
    await expect.poll(() => table.textContent()).toContain('Alex Neu');
    expect(await table.textContent()).toContain(email);
    expect(await table.textContent()).toContain('eingerichtet');

    const teamViolations = serious(await axeViolations(page));
    expect(teamViolations, describeViolations(teamViolations)).toEqual([]);

    // The audit log shows the acceptance.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toMatch(/Einladung (angenommen|erstellt)/);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('logs in with password and TOTP, invites and removes a member', async () => {
    const admin = await server.createCenterAdmin!();
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(admin.email);
    await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();

    await page.getByLabel('Bestätigungscode').waitFor({ timeout: 30_000 });
    const loginViolations = serious(await axeViolations(page));
    expect(loginViolations, describeViolations(loginViolations)).toEqual([]);
    await page.getByLabel('Bestätigungscode').fill(nextCode(admin.totpSecret));
    await page.getByRole('button', { name: 'Bestätigen' }).click();

    await page.getByTestId('staff-table').waitFor({ timeout: 30_000 });
    const email = `kollegin${Date.now() % 100000}@example.org`;
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Name', { exact: true }).fill('Sam Beispiel');
    await page.getByLabel('Rolle').selectOption('counselor');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.getByText(`Die Einladung an ${email} ist verschickt.`).waitFor();

    // The invited colleague joins (counselors need no second factor unless the center says so).
    const mail = (await server.mails!()).reverse().find((m) => m.to === email);
    const link = /https?:\/\/\S+\/admin\/#\/invite\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')![0];
    const token = link.split('/invite/')[1]!;
    const colleague = new BeratungClient({ baseUrl: server.url, nodeOrigin: server.url });
    await colleague.acceptInvite(token, 'Rote Rosen im Garten 77');

    await page.reload();
    const table = page.getByTestId('staff-table');
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain('Sam Beispiel');
    await page.getByRole('button', { name: /^Entfernen \(Sam Beispiel\)$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sam Beispiel aus dem Team entfernen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ja, entfernen' }).click();
    await page.getByText('Sam Beispiel wurde aus dem Team entfernt.').waitFor();
    await expect.poll(() => table.textContent()).not.toContain('Sam Beispiel');
    await context.close();
  });
});
