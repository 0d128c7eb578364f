import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type BeratungClient, type ChatCalls, type ChatEventMap } from '@beratung/shared';
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
import { installPlatformKey } from '../../../scripts/browser-tests/platform';

const skip = announceSkip('client chat');

/** The server modules used here, loaded like the harness (the client project does not compile server code). */
interface Importer {
  importCenters(
    db: unknown,
    file: unknown,
    actor: string | null,
  ): Promise<{ centers: Array<{ id: string }> }>;
}
const CENTER_NAME = 'Suchtberatung Chatstadt';
const OTHER_CENTER_NAME = 'Suchtberatung Nachbarstadt';

/** A center that offers online counseling, covering some postal codes for Suchtberatung. */
function chatCenter(externalId: string, name: string, postalCodes: string[]) {
  return {
    externalId,
    organisation: 'Verein für Suchthilfe am Rhein e.V.',
    name,
    flags: { onlineChat: true, anonymous: true },
    holidays: { state: 'NW', observe: false },
    topics: ['suchtberatung'],
    serviceAreas: [{ topic: 'suchtberatung', postalCodes }],
    locations: [
      {
        externalId: 'main',
        isMain: true,
        street: 'Mühlenweg 102',
        postalCode: '40210',
        city: 'Düsseldorf',
        latitude: 51.2203,
        longitude: 6.7923,
        languages: ['de'],
      },
    ],
  };
}

const file = {
  format: 'beratung-centers',
  version: 1,
  centers: [
    chatCenter('chat', CENTER_NAME, ['40210-40239']),
    // Where the counselor proposes to move the conversation.
    chatCenter('other', OTHER_CENTER_NAME, ['41000-41099']),
  ],
};

/** Resolves with the first chat event that matches, or rejects after a timeout. */
function nextEvent<K extends keyof ChatEventMap>(
  chat: ChatCalls,
  event: K,
  match: (value: ChatEventMap[K]) => boolean,
  timeoutMs = 15_000,
): Promise<ChatEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const off = chat.on(event, (value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

describe.skipIf(skip)('Online-Beratung (help seeker chat) in Chromium', () => {
  let server: HarnessServer;
  let close: () => Promise<void>;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let centerId: string;
  let otherCenterId: string;
  /** The admin of the other center (a member of its team, so it sees the queue). */
  let otherAdmin: BeratungClient;
  let counselor: BeratungClient;
  let counselorName: string;

  /**
   * The real trust chain, as people would set it up (like server/test/support/chat-center.ts):
   * a platform admin holding the platform key certifies the center admin, who publishes
   * the team key for the center's counselor. Only the platform key is provisioned.
   */
  beforeAll(async () => {
    assertBuilt('client');
    const started = await startHarnessServer();
    server = started.server;
    close = started.wrapped.close;
    const load = <T>(path: string) => import(pathToFileURL(`${ROOT}server/src/${path}`).href) as Promise<T>;
    const { importCenters } = await load<Importer>('importexport/import.service.ts');
    const imported = (await importCenters(server.db, file, null)).centers;
    centerId = imported[0]!.id;
    otherCenterId = imported[1]!.id;

    const platformKey = await installPlatformKey(server);
    const platformStaff = await server.createStaff({ platformAdmin: true });
    const platformAdmin = (await server.loginStaff(
      platformStaff.email,
      platformStaff.password,
    )) as BeratungClient;
    await platformKey.grant(platformStaff.accountId, platformAdmin.identity!);

    /** A certified center admin who published the team key for everyone on the staff list. */
    async function publishTeamKey(center: string): Promise<BeratungClient> {
      const adminStaff = await server.createStaff({ centerId: center, role: 'center_admin' });
      const admin = (await server.loginStaff(adminStaff.email, adminStaff.password)) as BeratungClient;
      const pending = await platformAdmin.pendingCertificates();
      const subject = pending.find((p) => p.accountId === adminStaff.accountId && p.centerId === center);
      if (!subject) throw new Error('the center admin is not waiting for a certificate');
      await platformAdmin.certifyPendingAdmin(subject);
      await admin.publishTeamKey(center);
      return admin;
    }
    const counselorStaff = await server.createStaff({ centerId, role: 'counselor' });
    await publishTeamKey(centerId);
    otherAdmin = await publishTeamKey(otherCenterId);

    counselor = (await server.loginStaff(counselorStaff.email, counselorStaff.password)) as BeratungClient;
    counselorName = counselor.session!.account.displayName;
    await counselor.chat.connect();
    browser = await launchChromium();
  });

  afterAll(async () => {
    counselor?.chat.disconnect();
    otherAdmin?.chat.disconnect();
    await context?.close();
    await browser?.close();
    await close?.();
  });

  async function expectAccessible(page: Page, view: string) {
    const violations = serious(await axeViolations(page));
    expect(violations, `${view}: ${describeViolations(violations)}`).toEqual([]);
  }

  it('registers from the center page, writes an inquiry, chats with a counselor in real time and deletes it', async () => {
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 900 } });
    const p = await context.newPage();
    const problems = watchPage(p);
    const main = p.getByRole('main');
    const pseudonym = `Kastanie${Date.now() % 100000}`;
    const password = 'Grüner Apfel am Rhein 42';

    // 1. From the center in the finder: "Online-Beratung starten" asks to register first.
    await p.goto(`${server.url}/#/finder/${centerId}`);
    await p.getByRole('heading', { level: 1, name: CENTER_NAME }).waitFor();
    await main.getByRole('link', { name: 'Online-Beratung starten' }).click();
    await p.getByRole('heading', { level: 1, name: 'Online-Beratung starten' }).waitFor();
    await p.getByRole('heading', { name: 'Melden Sie sich an, um zu schreiben' }).waitFor();
    await expectAccessible(p, 'login prompt');
    await main.getByRole('link', { name: 'Registrieren' }).click();
    await p.getByRole('heading', { level: 1, name: 'Registrieren' }).waitFor();
    expect(decodeURIComponent(new URL(p.url()).hash)).toBe(`#/register?next=/finder/${centerId}/beratung`);

    await p.getByLabel('Benutzername').fill(pseudonym);
    await p.getByLabel('Passwort', { exact: true }).fill(password);
    await p.getByLabel('Passwort wiederholen').fill(password);
    await p.getByLabel('Wiederherstellungscode erstellen').uncheck();
    await main.getByRole('button', { name: 'Registrieren' }).click();

    // 2. Back where the person wanted to go: the inquiry form for this center.
    await p
      .getByRole('heading', { name: 'Ihre Nachricht an die Beratungsstelle' })
      .waitFor({ timeout: 30_000 });
    expect(new URL(p.url()).hash).toBe(`#/finder/${centerId}/beratung`);
    expect(await p.getByTestId('inquiry-center').textContent()).toBe(CENTER_NAME);
    expect(await main.getByText(`Benutzernamen „${pseudonym}“`).count()).toBe(1);
    await main.getByRole('button', { name: 'Nachricht senden' }).click();
    await p.getByText('Bitte wählen Sie ein Thema.').waitFor();
    await p.getByText('Bitte schreiben Sie eine Nachricht.').waitFor();
    await p.getByLabel('Thema').selectOption('alkohol');
    const inquiry = 'Hallo, ich trinke jeden Abend zu viel und möchte etwas ändern.';
    await p.getByRole('textbox', { name: 'Ihre Nachricht' }).fill(inquiry);
    await p.getByText('64 von 8.192 Bytes').waitFor();
    await expectAccessible(p, 'inquiry form');
    await main.getByRole('button', { name: 'Nachricht senden' }).click();

    // 3. The waiting inquiry.
    await p.getByRole('heading', { name: 'Berater_innen-Suche läuft' }).waitFor({ timeout: 30_000 });
    await p.getByText('So geht es weiter:').waitFor();
    await p.getByText('Wir haben Ihre Nachricht erhalten.').waitFor();
    const conversationId = new URL(p.url()).hash.replace('#/beratungen/', '');
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    await p.getByTestId('chat-message').filter({ hasText: inquiry }).waitFor();
    await expectAccessible(p, 'waiting inquiry');

    // 4. The counselor (SDK in Node) sees it decrypted, takes it over and replies.
    const queue = await counselor.chat.queue(centerId);
    expect(queue.find((item) => item.id === conversationId)).toMatchObject({
      topic: 'alkohol',
      firstText: inquiry,
    });
    await counselor.chat.takeOver(conversationId);
    const reply = 'Hallo, schön, dass Sie sich melden. Ich helfe Ihnen gerne weiter.';
    await counselor.chat.send(conversationId, reply);

    await p.getByTestId('chat-message').filter({ hasText: reply }).waitFor({ timeout: 15_000 });
    await p.getByText('Eine Berater:in hat Ihre Anfrage übernommen.').waitFor();
    await p.getByText(`Berater:in: ${counselorName}`).waitFor();
    expect(await p.getByTestId('chat-waiting').count()).toBe(0);

    counselor.chat.typing(conversationId, true);
    await p.getByText(`${counselorName} schreibt …`).waitFor();

    // 5. The seeker answers with Enter; the counselor receives the decrypted text.
    const answer = 'Danke! Am schwierigsten sind die Abende nach der Arbeit.';
    const received = nextEvent(
      counselor.chat,
      'message',
      (m) => m.conversationId === conversationId && m.text === answer,
    );
    await p.getByRole('textbox', { name: 'Ihre Nachricht' }).fill(answer);
    await p.getByRole('textbox', { name: 'Ihre Nachricht' }).press('Enter');
    const atCounselor = await received;
    // The acknowledgement may reach the page a moment after the counselor got it.
    await expect.poll(() => p.getByRole('textbox', { name: 'Ihre Nachricht' }).inputValue()).toBe('');
    const own = p.getByTestId('chat-message').filter({ hasText: answer });
    await own.getByText('zugestellt').waitFor();
    await counselor.chat.markRead(conversationId, atCounselor.seq);
    await own.getByText('gelesen').waitFor();

    // 6. Both sides see the same safety number.
    await main.getByRole('button', { name: 'Sicherheitsnummer vergleichen' }).click();
    const fingerprint = (await p.getByTestId('fingerprint').textContent())!.trim();
    expect(fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(fingerprint).toBe(await counselor.chat.fingerprint(conversationId));
    await expectAccessible(p, 'conversation');

    // 6b. Files travel encrypted both ways: the seeker downloads the counselor's PDF, and
    // sends an image the counselor decrypts; a program renamed to .pdf never leaves the browser.
    const pdf = new TextEncoder().encode('%PDF-1.4\nInfoblatt Suchtberatung\n%%EOF\n');
    await counselor.chat.sendAttachment(conversationId, { name: 'infoblatt.pdf', bytes: pdf });
    const file = p.getByTestId('chat-attachment').filter({ hasText: 'infoblatt.pdf' });
    await file.waitFor({ timeout: 15_000 });
    expect(await file.textContent()).toContain('Datei: infoblatt.pdf (1\u00a0KB)');
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      file.getByRole('button', { name: 'Herunterladen infoblatt.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('infoblatt.pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.from(pdf))).toBe(true);
    await file.getByRole('link', { name: 'infoblatt.pdf speichern' }).waitFor();

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const image = nextEvent(
      counselor.chat,
      'message',
      (m) => m.conversationId === conversationId && m.attachment?.name === 'befund.png',
    );
    await p
      .getByLabel('Datei auswählen')
      .setInputFiles({ name: 'befund.png', mimeType: 'image/png', buffer: png });
    await main.getByRole('button', { name: 'Datei senden' }).click();
    const sentImage = await image;
    const decrypted = await counselor.chat.downloadAttachment(conversationId, sentImage.attachment!);
    expect(Buffer.from(decrypted).equals(png)).toBe(true);
    await p.getByText('Die Datei „befund.png“ wurde verschlüsselt gesendet.').waitFor();
    await p.getByTestId('chat-attachment').filter({ hasText: 'befund.png' }).waitFor();
    await p.getByLabel('Datei auswählen').setInputFiles({
      name: 'rechnung.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00'),
    });
    await main.getByRole('button', { name: 'Datei senden' }).click();
    await p.getByText(/^Diese Datei kann nicht gesendet werden/).waitFor();
    expect(await p.getByLabel('Datei auswählen').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(p, 'files');

    // 7. Meine Beratungen: the counselor's name, and a new message shows up live.
    await p.getByRole('link', { name: 'Meine Beratungen', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Meine Beratungen' }).waitFor();
    const item = p.getByTestId('conversation');
    await item.getByText(`Berater:in: ${counselorName}`).waitFor();
    await item.getByText('In Beratung').waitFor();
    await counselor.chat.send(conversationId, 'Wie geht es Ihnen heute?');
    await item.getByRole('link', { name: 'Alkohol – 1 neu' }).waitFor({ timeout: 15_000 });
    await p.getByRole('link', { name: 'Meine Beratungen (1 neu)' }).waitFor();
    await expectAccessible(p, 'Meine Beratungen');

    // 8. After a reload the keys are locked until the password is entered again.
    await p.reload();
    await p.getByRole('heading', { name: 'Nachrichten entsperren' }).waitFor({ timeout: 30_000 });
    await expectAccessible(p, 'unlock');
    await p.getByLabel('Passwort', { exact: true }).fill(password);
    await main.getByRole('button', { name: 'Entsperren' }).click();
    await item.getByRole('link', { name: /Alkohol/ }).click({ timeout: 30_000 });
    await p.getByTestId('chat-message').filter({ hasText: 'Wie geht es Ihnen heute?' }).waitFor();
    await p.getByTestId('chat-message').filter({ hasText: inquiry }).waitFor();
    // Read now: the count in the navigation goes away.
    await p.getByRole('link', { name: 'Meine Beratungen', exact: true }).waitFor();

    // 9. The counselor proposes another center; the seeker agrees. The keys are sealed to
    // that center's verified team key: its team reads the first message, the counselor is out.
    const counselorOut = nextEvent(
      counselor.chat,
      'conversation',
      (c) => c.id === conversationId && 'deleted' in c,
    );
    await counselor.chat.proposeTransfer(conversationId, otherCenterId);
    const proposal = p.getByTestId('chat-transfer');
    await proposal
      .getByText(`Ihre Berater:in schlägt vor, Ihre Beratung an ${OTHER_CENTER_NAME} zu übergeben.`)
      .waitFor();
    await expectAccessible(p, 'transfer proposal');
    await proposal.getByRole('button', { name: 'Zustimmen' }).click();
    await p.getByRole('heading', { name: 'Berater_innen-Suche läuft' }).waitFor({ timeout: 15_000 });
    await p.getByText('Ihre Beratung wurde an eine andere Beratungsstelle übergeben.').waitFor();
    expect(await p.getByTestId('chat-transfer').count()).toBe(0);
    await counselorOut;
    const otherQueue = await otherAdmin.chat.queue(otherCenterId);
    expect(otherQueue.find((item) => item.id === conversationId)).toMatchObject({ firstText: inquiry });

    // 10. Deleting needs a confirmation and takes it out of the other center's queue too.
    const gone = nextEvent(otherAdmin.chat, 'queueRemoved', (c) => c.conversationId === conversationId);
    await otherAdmin.chat.connect();
    await main.getByRole('button', { name: 'Beratung löschen' }).click();
    const dialog = p.getByRole('dialog', { name: 'Beratung endgültig löschen?' });
    await dialog.waitFor();
    await expectAccessible(p, 'delete dialog');
    await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
    await p.getByText('Die Beratung wurde gelöscht.').waitFor({ timeout: 15_000 });
    await gone;
    await p.getByText('Sie haben noch keine Online-Beratung begonnen.').waitFor();

    // 11. From the start page: topic and postal code decide the center.
    await p.goto(`${server.url}/#/`);
    await main.getByRole('link', { name: 'Online-Beratung starten' }).click();
    await p.getByRole('heading', { name: 'Ihre Nachricht an die Beratungsstelle' }).waitFor();
    await p.getByLabel('Thema').selectOption('alkohol');
    await p.getByLabel('Postleitzahl').fill('40215');
    await expect.poll(() => p.getByTestId('inquiry-center').textContent()).toBe(CENTER_NAME);
    await p.getByLabel('Postleitzahl').fill('99999');
    await p.getByText('Keine Beratungsstelle gefunden').waitFor();
    await expectAccessible(p, 'inquiry by postal code');

    expect(problems).toEqual([]);
  });
});
