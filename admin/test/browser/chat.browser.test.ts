import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type BeratungClient, type ChatEventMap } from '@beratung/shared';
import { totp } from '../../../scripts/browser-tests/totp';
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
} from '../../../scripts/browser-tests/support';
import type { ChatHarness } from '../../../scripts/browser-tests/chat-center';
import { installPlatformKey } from '../../../scripts/browser-tests/platform';

const skip = announceSkip('admin chat');

interface Importer {
  importCenters(
    db: unknown,
    file: unknown,
    actor: string | null,
  ): Promise<{ centers: Array<{ id: string }> }>;
}

interface Member {
  accountId: string;
  email: string;
  password: string;
}

/** Resolves with the first chat event of a Node SDK client that matches, or fails after a while. */
function nextEvent<K extends keyof ChatEventMap>(
  client: BeratungClient,
  event: K,
  match: (value: ChatEventMap[K]) => boolean,
  timeoutMs = 20_000,
): Promise<ChatEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const off = client.chat.on(event, (value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

describe.skipIf(skip)('the counselor side of the encrypted chat in Chromium', () => {
  let server: ChatHarness;
  let totpSecrets: Map<string, string>;
  let browser: Browser;
  let centerId: string;
  let platformAdmin: BeratungClient;
  let admin: BeratungClient;
  let adminAccount: Member;
  let counselor: Member;
  let colleague: Member & { client: BeratungClient };
  const nodeClients: BeratungClient[] = [];

  /**
   * The real trust chain, set up through the SDK as people would: a platform admin
   * holding the platform key certifies the center admin, who publishes the team key
   * for everyone on the staff (sealed to each member's key).
   */
  beforeAll(async () => {
    assertBuilt('admin');
    const started = await startHarnessServer();
    server = started.server as ChatHarness;
    totpSecrets = started.harness.totpSecrets;
    const platformKey = await installPlatformKey(server);
    const platformAccount = await server.createStaff({ platformAdmin: true });
    platformAdmin = await server.loginStaff(platformAccount.email, platformAccount.password);
    await platformKey.grant(platformAccount.accountId, platformAdmin.identity!);

    centerId = await server.createCenter('Suchtberatung Chatstadt');
    await server.db
      .updateTable('centers')
      .set({ offers_online_chat: true })
      .where('id', '=', centerId)
      .execute();
    await server.db
      .insertInto('center_topics')
      .values(['suchtberatung', 'alkohol'].map((topic_key) => ({ center_id: centerId, topic_key })))
      .execute();
    adminAccount = await server.createStaff({ centerId, role: 'center_admin' });
    counselor = await server.createStaff({ centerId, role: 'counselor' });
    const colleagueAccount = await server.createStaff({ centerId, role: 'counselor' });
    admin = await server.loginStaff(adminAccount.email, adminAccount.password);
    const pending = await platformAdmin.pendingCertificates();
    await platformAdmin.certifyPendingAdmin(pending.find((p) => p.accountId === adminAccount.accountId)!);
    await admin.publishTeamKey(centerId);
    colleague = {
      ...colleagueAccount,
      client: await server.loginStaff(colleagueAccount.email, colleagueAccount.password),
    };
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const client of nodeClients) client.chat.disconnect();
    await browser?.close();
    await server?.close();
  });

  /** A help seeker writing from the help-seeker app, here the SDK in Node. */
  async function seeker() {
    const account = await server.createSeeker();
    const client = server.client();
    await client.login(account.pseudonym, account.password);
    await client.chat.connect();
    nodeClients.push(client);
    return { ...account, client };
  }

  /** Counselors need no second factor unless their center requires one. */
  async function loggedIn(member: { email: string; password: string }) {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page: Page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(member.email);
    await page.getByLabel('Passwort', { exact: true }).fill(member.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('link', { name: 'Erstanfragen' }).waitFor({ timeout: 30_000 });
    return { page, problems, close: () => context.close() };
  }

  async function expectAccessible(page: Page) {
    const violations = serious(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('an inquiry appears live, is taken over, answered both ways, marked read and archived', async () => {
    const { page, problems, close } = await loggedIn(counselor);
    await page.getByRole('link', { name: 'Erstanfragen' }).click();
    await page.getByRole('heading', { name: 'Erstanfragen', level: 1 }).waitFor();
    const count = page.getByTestId('inquiry-count');
    await expect
      .poll(() => count.textContent(), { timeout: 30_000 })
      .toBe('Zurzeit warten keine Erstanfragen.');
    await expectAccessible(page);

    // The help seeker writes; the inquiry appears without a reload, decrypted in the browser.
    const person = await seeker();
    const inquiry = await person.client.chat.startInquiry({
      centerId,
      topic: 'alkohol',
      text: 'Ich trinke jeden Abend zu viel.\nWas kann ich tun?',
    });
    const card = page.getByTestId('inquiries').getByRole('article', { name: person.pseudonym });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('Ich trinke jeden Abend zu viel.');
    expect(await card.textContent()).toContain('Alkohol');
    expect(await card.textContent()).toContain('wartet seit weniger als 1 Min.');
    expect(await count.textContent()).toBe('Eine Erstanfrage wartet.');
    await expectAccessible(page);

    // Take it over: the help seeker learns it, the conversation opens.
    const seekerSeesTaken = nextEvent(
      person.client,
      'conversation',
      (c) => c.id === inquiry.id && 'status' in c && c.status === 'active',
    );
    await card.getByRole('button', { name: /^Übernehmen/ }).click();
    await page.getByRole('heading', { name: `Beratung mit ${person.pseudonym}`, level: 1 }).waitFor({
      timeout: 30_000,
    });
    expect(await seekerSeesTaken).toMatchObject({ counselorId: counselor.accountId });
    const log = page.getByTestId('chat-log');
    await log.getByText('Sie haben die Anfrage übernommen.').waitFor({ timeout: 30_000 });
    expect(await log.textContent()).toContain('Was kann ich tun?');

    // Reply: Shift+Enter is a new line, Enter sends; the help seeker decrypts the reply.
    const reply = nextEvent(
      person.client,
      'message',
      (m) => m.conversationId === inquiry.id && m.kind === 'message' && m.senderId === counselor.accountId,
    );
    // The help seeker sees that the counselor types.
    const typing = nextEvent(person.client, 'typing', (e) => e.conversationId === inquiry.id && e.typing);
    const box = page.getByLabel(`Nachricht an ${person.pseudonym} schreiben`);
    await box.click();
    await box.pressSequentially('Hallo. Schön, dass Sie sich melden.');
    await box.press('Shift+Enter');
    await box.pressSequentially('Ich helfe Ihnen gerne weiter.');
    await page.getByText(/^6\d von 8192 Bytes$/).waitFor();
    await typing;
    await box.press('Enter');
    const received = await reply;
    expect(received.text).toBe('Hallo. Schön, dass Sie sich melden.\nIch helfe Ihnen gerne weiter.');
    await expect.poll(() => box.inputValue()).toBe('');
    const own = log.locator('.chat-entry--me').last();
    await expect.poll(() => own.textContent()).toContain('Gesendet');

    // The help seeker reads it (the counselor sees "Gelesen"), types and answers: all live.
    await person.client.chat.markRead(inquiry.id, received.seq);
    await expect.poll(() => own.textContent(), { timeout: 20_000 }).toContain('Gelesen');
    person.client.chat.typing(inquiry.id, true);
    await page.getByText(`${person.pseudonym} schreibt …`).waitFor({ timeout: 20_000 });
    const counselorReads = nextEvent(
      person.client,
      'receipt',
      (r) => r.conversationId === inquiry.id && r.accountId === counselor.accountId && r.readSeq >= 4,
    );
    await person.client.chat.send(inquiry.id, 'Danke! Ich schaffe es nicht allein.');
    await log.getByText('Danke! Ich schaffe es nicht allein.').waitFor({ timeout: 20_000 });
    // The page is in front, so what arrived is marked read.
    await counselorReads;
    await expectAccessible(page);

    // Files travel encrypted both ways: the counselor downloads the person's PDF and sends an image.
    const pdf = new TextEncoder().encode('%PDF-1.4\nMahnbescheid vom Amtsgericht\n%%EOF\n');
    await person.client.chat.sendAttachment(inquiry.id, { name: 'mahnbescheid.pdf', bytes: pdf });
    const file = log.locator('.chat-attachment').filter({ hasText: 'mahnbescheid.pdf' });
    await file.waitFor({ timeout: 20_000 });
    expect(await file.textContent()).toContain('Datei: mahnbescheid.pdf (1 KB)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      file.getByRole('button', { name: 'Herunterladen mahnbescheid.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mahnbescheid.pdf');
    const downloaded = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of downloaded) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.from(pdf))).toBe(true);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const image = nextEvent(
      person.client,
      'message',
      (m) => m.conversationId === inquiry.id && m.attachment?.name === 'infoblatt.png',
    );
    await page
      .getByLabel('Datei auswählen')
      .setInputFiles({ name: 'infoblatt.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Datei senden' }).click();
    const sentImage = await image;
    const bytes = await person.client.chat.downloadAttachment(inquiry.id, sentImage.attachment!);
    expect(Buffer.from(bytes).equals(png)).toBe(true);
    await log.locator('.chat-entry--me .chat-attachment').filter({ hasText: 'infoblatt.png' }).waitFor();

    // A program renamed to .pdf is refused before anything leaves the browser.
    await page.getByLabel('Datei auswählen').setInputFiles({
      name: 'rechnung.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00'),
    });
    await page.getByRole('button', { name: 'Datei senden' }).click();
    await page.getByText(/Diese Datei kann nicht gesendet werden/).waitFor();

    // The security number is the same on both sides.
    await page.getByRole('button', { name: 'Sicherheitsnummer anzeigen' }).click();
    const fingerprint = page.getByTestId('conversation-fingerprint');
    await fingerprint.waitFor({ timeout: 20_000 });
    expect(await fingerprint.textContent()).toBe(await person.client.chat.fingerprint(inquiry.id));

    // Meine Beratungen lists it; a new message shows up there as unread, live.
    await page.getByRole('link', { name: 'Meine Beratungen', exact: true }).click();
    const table = page.getByTestId('consultations-active');
    const row = table.getByRole('row').filter({ hasText: person.pseudonym });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Alkohol');
    expect(await row.textContent()).toContain('keine');
    await person.client.chat.send(inquiry.id, 'Sind Sie noch da?');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('1 neu');
    await expectAccessible(page);

    // Back in the conversation, then archive it: read-only, with the reason.
    await row.getByRole('link', { name: person.pseudonym }).click();
    await log.getByText('Sind Sie noch da?').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Archivieren' }).click();
    const dialog = page.getByRole('dialog', { name: `Beratung mit ${person.pseudonym} archivieren?` });
    await dialog.waitFor();
    await expectAccessible(page);
    const seekerSeesArchived = nextEvent(
      person.client,
      'message',
      (m) => m.conversationId === inquiry.id && m.event === 'archived',
    );
    await dialog.getByRole('button', { name: 'Archivieren' }).click();
    await page.getByTestId('read-only-notice').getByText('Diese Beratung ist archiviert.').waitFor({
      timeout: 20_000,
    });
    await seekerSeesArchived;
    expect(await page.getByTestId('conversation-status').textContent()).toBe('archiviert');
    expect(await page.getByLabel(`Nachricht an ${person.pseudonym} schreiben`).count()).toBe(0);
    await log.getByText('Die Beratung wurde archiviert.').waitFor();
    await expectAccessible(page);

    // It is in the Archiv now; a new message from the person reopens it.
    await page.getByRole('link', { name: 'Zurück zum Archiv' }).click();
    const archived = page.getByTestId('consultations-archived').getByRole('row').filter({
      hasText: person.pseudonym,
    });
    await archived.waitFor({ timeout: 20_000 });
    await expectAccessible(page);
    await person.client.chat.send(inquiry.id, 'Ich brauche doch noch einmal Hilfe.');
    await expect.poll(() => archived.count(), { timeout: 20_000 }).toBe(0);
    await page.getByRole('link', { name: 'Ratsuchende' }).click();
    await page
      .getByTestId('consultations-active')
      .getByRole('row')
      .filter({ hasText: person.pseudonym })
      .waitFor({ timeout: 20_000 });

    expect(problems).toEqual([]);
    await close();
  });

  it('hands a consultation over to a colleague with a note only they can read', async () => {
    const person = await seeker();
    const inquiry = await person.client.chat.startInquiry({
      centerId,
      topic: 'suchtberatung',
      text: 'Mein Bruder spielt um Geld.',
    });
    const { page, problems, close } = await loggedIn(counselor);
    await page.getByRole('link', { name: 'Erstanfragen' }).click();
    const card = page.getByTestId('inquiries').getByRole('article', { name: person.pseudonym });
    await card.getByRole('button', { name: /^Übernehmen/ }).click({ timeout: 30_000 });
    const log = page.getByTestId('chat-log');
    await log.getByText('Mein Bruder spielt um Geld.').waitFor({ timeout: 30_000 });

    // After a reload the keys are locked: the password opens them, then the chat is live again.
    await page.reload();
    await page.getByRole('heading', { name: 'Schlüssel entsperren' }).waitFor({ timeout: 30_000 });
    await expectAccessible(page);
    await page.getByLabel('Passwort', { exact: true }).fill(counselor.password);
    await page.getByRole('button', { name: 'Entsperren' }).click();
    await log.getByText('Mein Bruder spielt um Geld.').waitFor({ timeout: 30_000 });
    await person.client.chat.send(inquiry.id, 'Er hat schon Schulden.');
    await log.getByText('Er hat schon Schulden.').waitFor({ timeout: 20_000 });

    const colleagueGetsIt = nextEvent(
      colleague.client,
      'conversation',
      (c) => c.id === inquiry.id && 'counselorId' in c && c.counselorId === colleague.accountId,
    );
    await colleague.client.chat.connect();
    nodeClients.push(colleague.client);
    await page.getByRole('button', { name: 'Übergeben', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Beratung mit ${person.pseudonym} übergeben` });
    await dialog.waitFor();
    // Without a choice the dialog says what is missing.
    await dialog.getByRole('button', { name: 'Übergeben' }).click();
    await dialog.getByText('Bitte wählen Sie, an wen Sie übergeben.').waitFor();
    await expectAccessible(page);
    const names = await dialog.getByLabel('An Kollegin/Kollegen').locator('option').allTextContents();
    expect(names.length).toBe(3); // "Bitte wählen", the colleague and the center admin, not oneself
    const colleagueName = (await colleague.client.colleagues(centerId)).find(
      (c) => c.accountId === colleague.accountId,
    )!.displayName;
    await dialog.getByLabel('An Kollegin/Kollegen').selectOption({ label: colleagueName });
    await dialog.getByLabel(/^Notiz zur Übergabe/).fill('Angehöriger, erstes Gespräch lief gut.');
    await dialog.getByRole('button', { name: 'Übergeben' }).click();
    await page
      .getByText(`Die Beratung mit ${person.pseudonym} ist an ${colleagueName} übergeben.`)
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('consultations-active').getByText(person.pseudonym).count()).toBe(0);

    // The colleague can read the whole conversation and the note sealed to them.
    const view = await colleagueGetsIt;
    if ('deleted' in view) throw new Error('deleted');
    expect(await colleague.client.chat.handOverNote(view)).toBe('Angehöriger, erstes Gespräch lief gut.');
    const history = await colleague.client.chat.history(inquiry.id);
    expect(history.messages[0]?.text).toBe('Mein Bruder spielt um Geld.');

    // In the app the colleague sees the note above the conversation.
    const other = await loggedIn(colleague);
    await other.page.getByRole('link', { name: 'Meine Beratungen', exact: true }).click();
    await other.page
      .getByTestId('consultations-active')
      .getByRole('link', { name: person.pseudonym })
      .click({ timeout: 30_000 });
    await other.page.getByTestId('handover-note').waitFor({ timeout: 30_000 });
    expect(await other.page.getByTestId('handover-note').textContent()).toBe(
      'Angehöriger, erstes Gespräch lief gut.',
    );
    await other.page
      .getByTestId('chat-log')
      .getByText('Eine Kollegin/ein Kollege hat die Anfrage übernommen.')
      .waitFor();
    await other.page
      .getByTestId('chat-log')
      .getByText('Die Beratung wurde an eine Kollegin/einen Kollegen übergeben.')
      .waitFor();
    await expectAccessible(other.page);
    expect(other.problems).toEqual([]);
    await other.close();

    expect(problems).toEqual([]);
    await close();
  });

  it('explains an unreadable inquiry until the team key is handed on, then shows it', async () => {
    // A counselor who joined after the team key was published has no copy of it yet.
    const newcomer = await server.createStaff({ centerId, role: 'counselor' });
    const person = await seeker();
    await person.client.chat.startInquiry({ centerId, topic: 'alkohol', text: 'Ich bin neu hier.' });
    const { page, problems, close } = await loggedIn(newcomer);
    await page.getByRole('link', { name: 'Erstanfragen' }).click();
    const card = page.getByTestId('inquiries').getByRole('article', { name: person.pseudonym });
    await card.getByText('Diese Anfrage können Sie noch nicht lesen').waitFor({ timeout: 30_000 });
    expect(await card.getByRole('button', { name: /^Übernehmen/ }).count()).toBe(0);
    await expectAccessible(page);

    // The center admin's app comes online: it signs the newcomer onto the member list and
    // hands on the team key; the newcomer's page reads the inquiry without a reload.
    await admin.chat.connect();
    nodeClients.push(admin);
    await card.getByText('Ich bin neu hier.').waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: /^Übernehmen/ }).waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  /** A second center with online counseling, in the finder, whose certified admin published its team key. */
  async function otherChatCenter(name: string): Promise<string> {
    const { importCenters } = (await import(
      pathToFileURL(`${ROOT}server/src/importexport/import.service.ts`).href
    )) as Importer;
    const file = {
      format: 'beratung-centers',
      version: 1,
      centers: [
        {
          externalId: 'nachbar',
          organisation: 'Verein für Suchthilfe am Rhein e.V.',
          name,
          flags: { onlineChat: true, anonymous: true },
          holidays: { state: 'NW', observe: false },
          topics: ['suchtberatung'],
          locations: [
            {
              externalId: 'main',
              isMain: true,
              street: 'Mühlenweg 102',
              postalCode: '41061',
              city: 'Mönchengladbach',
              latitude: 51.19,
              longitude: 6.44,
              languages: ['de'],
            },
          ],
        },
      ],
    };
    const otherCenterId = (await importCenters(server.db, file, null)).centers[0]!.id;
    const otherAdminAccount = await server.createStaff({ centerId: otherCenterId, role: 'center_admin' });
    const otherAdmin = await server.loginStaff(otherAdminAccount.email, otherAdminAccount.password);
    const pending = await platformAdmin.pendingCertificates();
    await platformAdmin.certifyPendingAdmin(
      pending.find((p) => p.accountId === otherAdminAccount.accountId)!,
    );
    await otherAdmin.publishTeamKey(otherCenterId);
    return otherCenterId;
  }

  it('sets an absence the help seeker sees, and proposes another center the help seeker first declines, then accepts', async () => {
    const otherName = 'Suchtberatung Nachbarstadt';
    const otherCenterId = await otherChatCenter(otherName);
    const person = await seeker();
    const inquiry = await person.client.chat.startInquiry({
      centerId,
      topic: 'suchtberatung',
      text: 'Ich ziehe bald nach Mönchengladbach.',
    });
    const { page, problems, close } = await loggedIn(counselor);
    await page.getByRole('link', { name: 'Erstanfragen' }).click();
    const card = page.getByTestId('inquiries').getByRole('article', { name: person.pseudonym });
    await card.getByRole('button', { name: /^Übernehmen/ }).click({ timeout: 30_000 });
    const log = page.getByTestId('chat-log');
    await log.getByText('Ich ziehe bald nach Mönchengladbach.').waitFor({ timeout: 30_000 });

    // Abwesenheit: the note is checked for length, saved, and shown to the help seeker.
    await page.getByRole('link', { name: 'Chat-Einstellungen' }).click();
    await page.getByRole('heading', { name: 'Chat-Einstellungen', level: 1 }).waitFor();
    await page.getByTestId('absence-status').getByText('Sie sind zurzeit als anwesend eingetragen.').waitFor({
      timeout: 30_000,
    });
    // Counselors see the center's chat settings, but cannot change them.
    const facts = page.getByTestId('chat-settings');
    await facts.waitFor({ timeout: 30_000 });
    expect(await facts.textContent()).toContain('höchstens alle 60 Minuten');
    expect(await facts.textContent()).toContain('180 Tage');
    expect(await page.getByTestId('chat-settings-form').count()).toBe(0);
    await page.getByLabel('Ich bin abwesend').check();
    const note = page.getByLabel(/^Notiz für Ratsuchende/);
    await note.fill('x'.repeat(501));
    await page.getByText('Die Notiz ist zu lang: höchstens 500 Zeichen. Bitte kürzen Sie sie.').waitFor();
    await expectAccessible(page);
    const absenceNote = 'Ich bin bis zum 14. März im Urlaub. In dringenden Fällen: Telefon 0211 123456.';
    await note.fill(absenceNote);
    await page.getByRole('button', { name: 'Abwesenheit speichern' }).click();
    await page.getByText('Gespeichert: Sie sind als abwesend eingetragen.').waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => {
        const view = await person.client.chat.conversation(inquiry.id);
        return [view.counselorAbsent, view.counselorAbsenceMessage];
      })
      .toEqual([true, absenceNote]);
    await expectAccessible(page);

    // Meine Beratungen and the consultation remind the counselor of it.
    await page.getByRole('link', { name: 'Meine Beratungen', exact: true }).click();
    await page.getByText('Sie sind als abwesend eingetragen').first().waitFor({ timeout: 20_000 });
    await page
      .getByTestId('consultations-active')
      .getByRole('link', { name: person.pseudonym })
      .click({ timeout: 20_000 });
    await page.getByText(`${person.pseudonym} sieht einen Hinweis auf Ihre Abwesenheit`).waitFor({
      timeout: 20_000,
    });

    // Propose another center: only centers with online counseling from the finder, not the own one.
    const propose = async () => {
      await page.getByRole('button', { name: 'An andere Beratungsstelle übergeben' }).click();
      const dialog = page.getByRole('dialog', {
        name: `Beratung mit ${person.pseudonym} an eine andere Beratungsstelle übergeben`,
      });
      await dialog.waitFor();
      await dialog
        .getByText(`Gewechselt wird nur, wenn ${person.pseudonym} im Chat zustimmt.`, { exact: false })
        .waitFor();
      await dialog.getByLabel('Beratungsstelle suchen').fill('Nachbarstadt');
      await dialog.getByRole('button', { name: 'Suchen', exact: true }).click();
      await expect
        .poll(() => dialog.getByTestId('transfer-count').textContent(), { timeout: 20_000 })
        .toBe('Eine Beratungsstelle mit Online-Beratung gefunden.');
      await dialog
        .getByLabel('Beratungsstelle', { exact: true })
        .selectOption({ label: `${otherName} (Mönchengladbach)` });
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Übergabe vorschlagen' }).click();
      await page.getByTestId('transfer-pending').getByText(`Übergabe an ${otherName} vorgeschlagen`).waitFor({
        timeout: 20_000,
      });
      await log
        .getByText('Sie haben vorgeschlagen, die Beratung an eine andere Beratungsstelle abzugeben.')
        .last()
        .waitFor();
      await expect
        .poll(async () => (await person.client.chat.conversation(inquiry.id)).transferCenterName)
        .toBe(otherName);
    };
    await propose();
    expect(await page.getByRole('button', { name: 'An andere Beratungsstelle übergeben' }).count()).toBe(0);
    await expectAccessible(page);

    // The help seeker declines: the proposal goes away, the log says so.
    await person.client.chat.declineTransfer(inquiry.id);
    await log
      .getByText(`${person.pseudonym} möchte nicht zu einer anderen Beratungsstelle wechseln.`)
      .waitFor({
        timeout: 20_000,
      });
    await expect.poll(() => page.getByTestId('transfer-pending').count(), { timeout: 20_000 }).toBe(0);

    // Proposed again, the help seeker agrees: the other center's team reads it, the counselor is out.
    await propose();
    await person.client.chat.acceptTransfer(inquiry.id);
    await page
      .getByTestId('read-only-notice')
      .getByText(`${person.pseudonym} ist zu einer anderen Beratungsstelle gewechselt.`)
      .waitFor({ timeout: 20_000 });
    await log
      .getByText(`${person.pseudonym} ist mit der Beratung zu einer anderen Beratungsstelle gewechselt.`)
      .waitFor();
    expect(await page.getByLabel(`Nachricht an ${person.pseudonym} schreiben`).count()).toBe(0);
    expect((await person.client.chat.conversation(inquiry.id)).centerId).toBe(otherCenterId);
    await expectAccessible(page);

    // Back again: the absence is over, the note is gone for the help seekers.
    await page.getByRole('link', { name: 'Chat-Einstellungen' }).click();
    await page.getByLabel('Ich bin abwesend').uncheck({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Abwesenheit speichern' }).click();
    await page
      .getByText('Gespeichert: Sie sind wieder als anwesend eingetragen.')
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('absence-status').textContent()).toBe(
      'Sie sind zurzeit als anwesend eingetragen.',
    );
    expect(await page.getByLabel(/^Notiz für Ratsuchende/).count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('lets the center admin change the chat settings, with problems shown at their fields', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(adminAccount.email);
    await page.getByLabel('Passwort', { exact: true }).fill(adminAccount.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Bestätigungscode').waitFor({ timeout: 30_000 });
    await page
      .getByLabel('Bestätigungscode')
      .fill(totp(totpSecrets.get(adminAccount.email)!, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByRole('link', { name: 'Chat-Einstellungen' }).click({ timeout: 30_000 });

    const digest = page.getByLabel('Abstand der Sammel-Mails zu Erstanfragen (in Minuten)');
    const retention = page.getByLabel('Aufbewahrung archivierter Beratungen (in Tagen)');
    await expect.poll(() => digest.inputValue(), { timeout: 30_000 }).toBe('60');
    expect(await retention.inputValue()).toBe('180');
    await expectAccessible(page);

    // Out of range and not a number: the server refuses, each problem is shown at its field.
    await digest.fill('eine Stunde');
    await retention.fill('0');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await page
      .getByText('Bitte geben Sie eine ganze Zahl von 0 bis 10080 Minuten ein.')
      .waitFor({ timeout: 20_000 });
    await page.getByText('Bitte geben Sie eine ganze Zahl von 1 bis 3650 Tagen ein.').waitFor();
    expect(await digest.getAttribute('aria-invalid')).toBe('true');
    expect(await retention.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await digest.fill('0');
    await retention.fill('90');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await page.getByText('Die Chat-Einstellungen sind gespeichert.').waitFor({ timeout: 20_000 });
    // Members read them.
    expect(await colleague.client.chat.settings(centerId)).toEqual({
      inquiryDigestMinutes: 0,
      retentionDays: 90,
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});
