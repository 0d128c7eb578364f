import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HARNESS = `${ROOT}server/test/support/app.ts`;

/** What the browser tests need from the server's test harness. */
export interface BrowserTestServer {
  /** Base URL; the server serves client/dist at / and admin/dist at /admin/. */
  url: string;
  close(): Promise<void>;
  /**
   * A center with a center admin whose TOTP is already enabled and has been used once
   * (log in with the code of the next 30-second step: a code is accepted only once).
   */
  createCenterAdmin?(): Promise<{
    email: string;
    password: string;
    totpSecret: string;
    centerId: string;
    centerName: string;
  }>;
  /** Mails sent so far (from the outbox), newest last. */
  mails?(): Promise<Array<{ to: string; subject: string; text: string }>>;
}

/** Why the browser tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) {
    return `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  }
  if (!existsSync(HARNESS)) return `no server test harness at ${HARNESS}`;
  return undefined;
}

/** Logs loudly when a browser suite is skipped, so a green run cannot hide it. */
export function announceSkip(suite: string): boolean {
  const reason = skipReason();
  if (reason) {
    console.warn(`\n!!! BROWSER TESTS SKIPPED (${suite}): ${reason} !!!\n`);
    return true;
  }
  return false;
}

export function assertBuilt(app: 'client' | 'admin'): void {
  if (!existsSync(`${ROOT}${app}/dist/index.html`)) {
    throw new Error(`${app}/dist is missing: run "npm run build -w ${app}" before the browser tests`);
  }
}

/** The parts of server/test/support/app.ts these tests use. */
export interface ServerHarness {
  startTestServer(env?: Record<string, string>): Promise<HarnessServer>;
  /** TOTP secrets of staff whose second factor loginStaff() set up. */
  totpSecrets: Map<string, string>;
}
export interface HarnessServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
  createCenter(name?: string): Promise<string>;
  createStaff(input: {
    centerId?: string;
    role?: 'counselor' | 'center_admin';
    platformAdmin?: boolean;
  }): Promise<{ accountId: string; email: string; password: string }>;
  loginStaff(email: string, password: string): Promise<unknown>;
  db: {
    selectFrom(table: 'mail_outbox'): {
      select(columns: Array<'to_address' | 'subject' | 'text_body' | 'created_at'>): {
        orderBy(column: 'created_at'): {
          execute(): Promise<Array<{ to_address: string; subject: string; text_body: string }>>;
        };
      };
    };
  };
}

let centers = 0;

/** The real server (its test harness), with the two helpers the admin flow needs on top. */
export async function startServer(): Promise<BrowserTestServer> {
  return (await startHarnessServer()).wrapped;
}

/** Like startServer, but also hands out the harness and its server for further helpers. */
export async function startHarnessServer(env: Record<string, string> = {}): Promise<{
  harness: ServerHarness;
  server: HarnessServer;
  wrapped: BrowserTestServer;
}> {
  const harness = (await import(pathToFileURL(HARNESS).href)) as ServerHarness;
  const server = await harness.startTestServer(env);
  const wrapped: BrowserTestServer = {
    url: server.url,
    close: () => server.close(),
    async createCenterAdmin() {
      const centerName = `Suchtberatung Teststadt ${++centers}`;
      const centerId = await server.createCenter(centerName);
      const { email, password } = await server.createStaff({ centerId, role: 'center_admin' });
      // The harness sets up the mandatory second factor on the first login.
      await server.loginStaff(email, password);
      const totpSecret = harness.totpSecrets.get(email);
      if (!totpSecret) throw new Error('The harness did not record the TOTP secret');
      return { email, password, totpSecret, centerId, centerName };
    },
    async mails() {
      const rows = await server.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'subject', 'text_body', 'created_at'])
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({ to: row.to_address, subject: row.subject, text: row.text_body }));
    },
  };
  return { harness, server, wrapped };
}

/** Chromium's fake camera and microphone, allowed without asking, and WebRTC on 127.0.0.1. */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

/** Collects console errors and CSP violations, which must not happen. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

const require = createRequire(import.meta.url);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Runs axe-core in the page. Its source is evaluated through the DevTools protocol, which
 * the page's CSP does not govern (a <script> tag would be blocked, as it should be).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: AxeViolation[] };
  return result.violations;
}

export function serious(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)
    .join('\n');
}
