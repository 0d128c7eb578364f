/**
 * Screenshots of every main page of both apps, for a look by eye:
 *   BROWSER_TEST_SERVER=mock npx tsx scripts/browser-tests/screenshots.ts [outDir] [de|en]
 * (or without BROWSER_TEST_SERVER once the server's test harness exists). Build both apps first.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BeratungClient } from '@beratung/shared';
import { launchChromium, startServer } from './support';
import { totp } from './totp';

const out = process.argv[2] ?? '/tmp/screenshots';
const english = process.argv[3] === 'en';
mkdirSync(out, { recursive: true });

const server = await startServer();
const browser = await launchChromium();
let n = 0;
async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  const file = `${out}/${String(++n).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'de-DE' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (english) {
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.setItem('beratung.locale', 'en'));
    await page.reload();
  }
  return page;
}

async function inviteLink(to: string): Promise<string> {
  const mail = (await server.mails!()).reverse().find((m) => m.to === to);
  const link = /https?:\/\/\S+\/admin\/#\/invite\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no invite link for ${to}`);
  return link;
}

try {
  // Help seekers
  const p = await newPage();
  await p.goto(`${server.url}/#/`);
  await shot(p, 'client-start');
  await p.goto(`${server.url}/#/register`);
  await p.locator('#register-pseudonym').fill('Sonnenblume27');
  await p.locator('#register-password').fill('kurz1');
  await p.locator('form button[type=submit]').click();
  await shot(p, 'client-register-errors');
  await p.locator('#register-password').fill('Blauer Himmel über Köln 7');
  await p.locator('#register-password2').fill('Blauer Himmel über Köln 7');
  await p.locator('form button[type=submit]').click();
  await p.getByTestId('recovery-code').waitFor({ timeout: 30_000 });
  await shot(p, 'client-recovery-code');
  await p.locator('#recovery-saved').check();
  await p.locator('form button[type=submit]').click();
  await p.getByTestId('account-pseudonym').waitFor();
  await shot(p, 'client-account');
  await p.goto(`${server.url}/#/login`);
  await shot(p, 'client-login');
  await p.goto(`${server.url}/#/recover`);
  await shot(p, 'client-recover');

  // Staff
  const admin = await server.createCenterAdmin!();
  const a = await newPage();
  await a.goto(`${server.url}/admin/`);
  await shot(a, 'admin-login');
  await a.locator('#login-email').fill(admin.email);
  await a.locator('#login-password').fill(admin.password);
  await a.locator('form button[type=submit]').click();
  await a.locator('#mfa-code').waitFor({ timeout: 30_000 });
  await shot(a, 'admin-mfa');
  await a.locator('#mfa-code').fill(totp(admin.totpSecret, Date.now() + 30_000));
  await a.locator('form button[type=submit]').first().click();
  await a.getByTestId('staff-table').waitFor();
  await a.locator('#invite-email').fill('sam@example.org');
  await a.locator('#invite-name').fill('Sam Beispiel');
  await a.locator('section form button[type=submit]').click();
  await a.waitForTimeout(500);
  const token = (await inviteLink('sam@example.org')).split('/invite/')[1]!;
  await new BeratungClient({ baseUrl: server.url, nodeOrigin: server.url }).acceptInvite(
    token,
    'Rote Rosen im Garten 77',
  );
  await a.reload();
  await a.getByTestId('staff-table').waitFor();
  await a.waitForTimeout(300);
  await shot(a, 'admin-team');
  await a.locator('tbody button').first().click();
  await shot(a, 'admin-team-remove-dialog');
  await a.goto(`${server.url}/admin/#/audit`);
  await a.getByTestId('audit-table').waitFor();
  await shot(a, 'admin-audit');
  await a.goto(`${server.url}/admin/#/account`);
  await shot(a, 'admin-account');

  // An invitation, accepted in a fresh browser, with the second factor set up.
  const inviter = await server.createCenterAdmin!();
  const client = new BeratungClient({ baseUrl: server.url, nodeOrigin: server.url });
  await client.login(inviter.email, inviter.password);
  await client.verifyMfa(totp(inviter.totpSecret, Date.now() + 30_000));
  await client.invite(inviter.centerId, {
    email: 'alex@example.org',
    displayName: 'Alex Neu',
    role: 'center_admin',
  });
  const link = await inviteLink('alex@example.org');
  const i = await newPage();
  await i.goto(link);
  await i.getByTestId('invite-center').waitFor();
  await i.locator('#invite-password').fill('Gelbe Tulpen am Rhein 42');
  await shot(i, 'admin-invite');
  await i.locator('#invite-password2').fill('Gelbe Tulpen am Rhein 42');
  await i.locator('form button[type=submit]').click();
  await i.getByTestId('totp-secret').waitFor({ timeout: 30_000 });
  await shot(i, 'admin-mfa-setup');
  const secret = (await i.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  await i.locator('#mfa-setup-code').fill(totp(secret));
  await i.locator('form button[type=submit]').click();
  await i.getByTestId('recovery-codes').waitFor();
  await shot(i, 'admin-recovery-codes');
} finally {
  await browser.close();
  await server.close();
}
