import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, startMediaProcess, type MediaProcess } from '../../../media/bench/media-process';
import { TEST_SECRET } from '../../../media/test/support/media';
import {
  setUpChatCenter,
  type ChatCenter,
  type ChatHarness,
} from '../../../scripts/browser-tests/chat-center';
import {
  FAKE_MEDIA_ARGS,
  announceSkip,
  assertBuilt,
  axeViolations,
  describeViolations,
  launchChromium,
  serious,
  startHarnessServer,
  watchPage,
} from '../../../scripts/browser-tests/support';

const skip = announceSkip('calls');

/** The harness's app: the media check the server's job runner would run every few seconds. */
interface CallHarness extends ChatHarness {
  app: { calls: { checkMedia(): Promise<number> } };
}

const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

/**
 * A whole call as people make it, with everything real on 127.0.0.1: the server, the
 * media service (SFU), the counselor in the admin app and the help seeker in the client
 * app, each in its own Chromium context with fake camera and microphone. Media are
 * end-to-end encrypted in the browsers with the key both derive from the conversation.
 */
describe.skipIf(skip)('consented, encrypted calls between the two apps in Chromium', () => {
  let media: MediaProcess;
  let server: CallHarness;
  let mediaStopped = false;
  let close: () => Promise<void>;
  let browser: Browser;
  let center: ChatCenter;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];

  beforeAll(async () => {
    assertBuilt('admin');
    assertBuilt('client');
    // the apps' port first, so the media service can be told their origin
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // the media service as its own process (`src/index.ts`), so that one test can kill it
    media = await startMediaProcess({
      udpPorts: [43700, 43799],
      allowedOrigins: origin,
      secret: TEST_SECRET,
    });
    const started = await startHarnessServer({
      PORT: String(port),
      // A media service unreachable this long has failed (the check runs when the test says).
      MEDIA_NODE_TIMEOUT_SECONDS: '2',
      MEDIA_CONTROL_URL: media.controlUrl,
      MEDIA_SECRET: TEST_SECRET,
      MEDIA_SIGNALLING_URL: media.signallingUrl,
    });
    server = started.server as CallHarness;
    close = started.wrapped.close;
    center = await setUpChatCenter(server, 'Suchtberatung Videostadt');
    browser = await launchChromium(FAKE_MEDIA_ARGS);
  }, 120_000);

  afterAll(async () => {
    center?.close();
    for (const context of contexts) await context.close();
    await browser?.close();
    await close?.();
    if (!mediaStopped) await media?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page));
    return page;
  }

  async function expectAccessible(page: Page, view: string) {
    const violations = serious(await axeViolations(page));
    expect(violations, `${view}: ${describeViolations(violations)}`).toEqual([]);
  }

  /** An active consultation: the help seeker wrote, the counselor took it over. */
  async function consultation() {
    const seeker = await center.seeker();
    const view = await seeker.client.chat.startInquiry({
      centerId: center.centerId,
      topic: 'alkohol',
      text: 'Können wir auch sprechen?',
    });
    await center.counselor.client.chat.takeOver(view.id);
    return { seeker, conversationId: view.id };
  }

  async function counselorPage(conversationId: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('E-Mail-Adresse').fill(center.counselor.email);
    await page.getByLabel('Passwort', { exact: true }).fill(center.counselor.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('link', { name: 'Erstanfragen' }).waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/admin/#/consultations/${conversationId}`);
    await page.getByRole('button', { name: 'Videogespräch vorschlagen' }).waitFor({ timeout: 30_000 });
    return page;
  }

  async function seekerPage(account: { pseudonym: string; password: string }, conversationId: string) {
    const page = await newPage();
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel('Benutzername').fill(account.pseudonym);
    await page.getByLabel('Passwort', { exact: true }).fill(account.password);
    await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 30_000 });
    await page.goto(`${server.url}/#/beratungen/${conversationId}`);
    await page.getByTestId('chat-message').first().waitFor({ timeout: 30_000 });
    return page;
  }

  /** Both pages decode the other's video and receive its audio. */
  async function bothReceiving(pages: Page[], frames = 10) {
    await expect
      .poll(
        async () => {
          const figures = await Promise.all(
            pages.map(async (page) =>
              Math.min(await number(page, 'call-frames'), await number(page, 'call-audio')),
            ),
          );
          return Math.min(...figures);
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBeGreaterThan(frames);
  }

  it('proposed → the help seeker consents → both see and hear each other through the SFU; a replayed token is refused; hang-up ends it for both', async () => {
    const { seeker, conversationId } = await consultation();
    const counselor = await counselorPage(conversationId);
    const person = await seekerPage(seeker, conversationId);

    await counselor.getByRole('button', { name: 'Videogespräch vorschlagen' }).click();
    await counselor.getByText(`Sie haben ${seeker.pseudonym} ein Videogespräch vorgeschlagen.`).waitFor();

    // The help seeker is told what will happen before anything is switched on.
    const consent = person.getByTestId('call-consent');
    await consent
      .getByRole('heading', { name: /schlägt ein Videogespräch vor/ })
      .waitFor({ timeout: 15_000 });
    const text = (await consent.textContent()) ?? '';
    expect(text).toContain('Ihre Kamera und Ihr Mikrofon werden eingeschaltet');
    expect(text).toContain('Nichts wird aufgezeichnet.');
    expect(text).toContain('IP-Adresse nicht');
    expect(text).toContain('jederzeit beenden');
    await expectAccessible(person, 'consent dialog');
    // What the help seeker's page presents to the SFU, to replay it from a third browser.
    const joins: Array<{ type: string; roomId: string; token: string }> = [];
    person.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as (typeof joins)[number];
        if (message.type === 'join') joins.push(message);
      }),
    );
    const accepted = Date.now();
    await consent.getByRole('button', { name: 'Einwilligen und teilnehmen' }).click();

    const pages = [counselor, person];
    // When both pages reach a state, in ms after the consent.
    const reached = async (ready: (page: Page) => Promise<boolean>) => {
      await expect
        .poll(async () => (await Promise.all(pages.map(ready))).every(Boolean), {
          timeout: 20_000,
          interval: 25,
        })
        .toBe(true);
      return Date.now() - accepted;
    };
    const stages = await reached(async (page) => (await page.getByTestId('call-stage').count()) > 0);
    const connected = await reached(
      async (page) => (await page.getByText('Verbunden', { exact: true }).count()) > 0,
    );
    const audio = await reached(async (page) => (await number(page, 'call-audio')) > 0);
    const frames = await reached(async (page) => (await number(page, 'call-frames')) > 0);
    console.log(
      'call between the apps (ms after consent)',
      JSON.stringify({ stages, connected, audio, frames }),
    );
    // Once both are connected to the SFU, sound and picture arrive within 2 s.
    expect(audio - connected).toBeLessThan(2_000);
    expect(frames - connected).toBeLessThan(2_000);
    await bothReceiving(pages);

    // Each browser's selected ICE pair ends at the SFU, never at the other browser.
    for (const page of pages) {
      const relay = (await page.getByTestId('call-relay').textContent()) ?? '';
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(relay)?.[1]);
      expect(port).toBeGreaterThanOrEqual(media.portRange[0]);
      expect(port).toBeLessThanOrEqual(media.portRange[1]);
      expect(await number(page, 'call-failures')).toBe(0);
    }
    for (const page of pages) await page.getByText('Das Gespräch hat begonnen.').waitFor();

    // A third party gets no token of its own, and the help seeker's, replayed from
    // another browser on the apps' own origin, is refused: tokens are single-use.
    const [call] = await seeker.client.chat.calls(conversationId);
    const stranger = await center.seeker();
    await expect(stranger.client.chat.joinInfo(call!.id)).rejects.toMatchObject({ status: 404 });
    expect(joins).toHaveLength(1);
    const thief = await newPage();
    await thief.goto(`${server.url}/`);
    const answer = await thief.evaluate(
      ([url, join]) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url!);
          socket.onopen = () => socket.send(JSON.stringify({ ...join, publish: ['audio', 'video'] }));
          socket.onmessage = (event) => resolve(String(event.data));
          socket.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      [media.signallingUrl, joins[0]] as const,
    );
    expect(JSON.parse(answer)).toMatchObject({ type: 'error', code: 'TOKEN_REFUSED' });
    // and the call goes on
    const framesBefore = await number(counselor, 'call-frames');
    await expect
      .poll(() => number(counselor, 'call-frames'), { timeout: 5_000 })
      .toBeGreaterThan(framesBefore);

    await expectAccessible(person, 'running call (help seeker)');
    await expectAccessible(counselor, 'running call (counselor)');

    // The chat keeps working during the call.
    const box = counselor.getByLabel(`Nachricht an ${seeker.pseudonym} schreiben`);
    await box.fill('Können Sie mich gut hören?');
    await box.press('Enter');
    await person.getByTestId('chat-message').filter({ hasText: 'Können Sie mich gut hören?' }).waitFor();

    // Microphone off is a toggle that says so.
    const mute = counselor.getByRole('button', { name: 'Mikrofon ausschalten' });
    await mute.click();
    await counselor.getByRole('button', { name: 'Mikrofon einschalten', pressed: true }).waitFor();

    // The help seeker hangs up: gone for both, the room closed on the media service.
    await person.getByRole('button', { name: 'Auflegen' }).click();
    for (const page of pages) {
      await page
        .getByTestId('call-ended')
        .getByText('Das Gespräch wurde beendet.')
        .waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('call-stage').count()).toBe(0);
      await page.getByText('Das Gespräch ist beendet.').waitFor();
    }
    expect((await seeker.client.chat.calls(conversationId))[0]).toMatchObject({
      status: 'ended',
      endReason: 'hung_up',
    });
    expect((await media.control('GET', `/rooms/call-${call!.id}`)).status).toBe(404);
    for (const list of problems) expect(list).toEqual([]);
  });

  it('declined: nobody joins, and the counselor is told', async () => {
    const { seeker, conversationId } = await consultation();
    const counselor = await counselorPage(conversationId);
    const person = await seekerPage(seeker, conversationId);
    await counselor.getByRole('button', { name: 'Audiogespräch vorschlagen' }).click();
    const consent = person.getByTestId('call-consent');
    await consent
      .getByRole('heading', { name: /schlägt ein Audiogespräch vor/ })
      .waitFor({ timeout: 15_000 });
    expect(await consent.textContent()).toContain('Ihre Kamera bleibt aus');
    await consent.getByRole('button', { name: 'Ablehnen' }).click();
    await counselor
      .getByTestId('call-ended')
      .getByText('Der Vorschlag wurde abgelehnt.')
      .waitFor({ timeout: 15_000 });
    await person.getByTestId('call-ended').getByText('Der Vorschlag wurde abgelehnt.').waitFor();
    for (const page of [counselor, person]) expect(await page.getByTestId('call-stage').count()).toBe(0);
    const [call] = await seeker.client.chat.calls(conversationId);
    expect(call).toMatchObject({ status: 'declined' });
    // No room was ever made for it.
    expect((await media.control('GET', `/rooms/call-${call!.id}`)).status).toBe(404);
  });

  it('the media process crashes during a call: both are told, the call ends, the chat goes on', async () => {
    const { seeker, conversationId } = await consultation();
    const counselor = await counselorPage(conversationId);
    const person = await seekerPage(seeker, conversationId);
    await counselor.getByRole('button', { name: 'Audiogespräch vorschlagen' }).click();
    const consent = person.getByTestId('call-consent');
    await consent.getByRole('button', { name: 'Einwilligen und teilnehmen' }).click({ timeout: 15_000 });
    const pages = [counselor, person];
    for (const page of pages) await page.getByText('Verbunden', { exact: true }).waitFor({ timeout: 20_000 });

    // The media process crashes: killed, nothing closed, no goodbye to anyone.
    mediaStopped = true;
    await media.crash();
    // The server's check finds the media service gone (for longer than its timeout) and ends the call.
    await expect
      .poll(
        async () => {
          await server.app.calls.checkMedia();
          return counselor.getByTestId('call-ended').count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    const notice = 'Die Verbindung zum Gesprächsdienst ist abgebrochen; das Gespräch wurde beendet.';
    for (const page of pages) {
      await page.getByTestId('call-ended').getByText(notice, { exact: false }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('call-stage').count()).toBe(0);
    }
    const [call] = await seeker.client.chat.calls(conversationId);
    expect(call).toMatchObject({ status: 'ended', endReason: 'media_failed' });

    // The chat goes on.
    await person.getByRole('textbox', { name: 'Ihre Nachricht' }).fill('Dann schreiben wir weiter.');
    await person.getByRole('textbox', { name: 'Ihre Nachricht' }).press('Enter');
    await counselor.getByText('Dann schreiben wir weiter.').waitFor({ timeout: 15_000 });
  });
});
