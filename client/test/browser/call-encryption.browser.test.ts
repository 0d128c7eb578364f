import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFrameDecryptor,
  deriveCallMediaKey,
  getSodium,
  readFrameTrailer,
  type Sodium,
} from '@beratung/shared';
import { startTestMedia, type TestMedia } from '../../../media/test/support/media';
import { CHROMIUM, announceSkip } from '../../../scripts/browser-tests/support';

const skip = announceSkip('call encryption');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CALL_SESSION = path.resolve(HERE, '../../src/common/call/call-session.ts');

/**
 * The page: the real call engine (Vite-built like the apps, its transform worker
 * included) behind a few functions for the test to drive.
 */
const ENTRY = `
import { CallSession } from ${JSON.stringify(CALL_SESSION)};
let session;
const phases = [];
const fromHex = (hex) => new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
const api = {
  async start(url, roomId, token, keyHex, transformMode) {
    session = await CallSession.start({
      signallingUrl: url, roomId, token, kind: 'video', mediaKey: fromHex(keyHex), transformMode,
    });
    session.on('phase', (phase, cause) => phases.push(cause ? phase + ':' + cause : phase));
    return session.transformMode;
  },
  async refusal(url, roomId, token, keyHex, denyMedia) {
    const getUserMedia = denyMedia
      ? () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
      : undefined;
    try {
      (await CallSession.start({ signallingUrl: url, roomId, token, kind: 'audio', mediaKey: fromHex(keyHex), getUserMedia })).hangUp();
      return 'joined';
    } catch (error) {
      return error.code;
    }
  },
  stats: () => session.stats(),
  phase: () => ({ phase: session.phase, phases, remoteTracks: session.remoteStream.getTracks().length }),
  hangUp: () => session.hangUp(),
};
// A global function, so the test's page.evaluate callbacks can call it by name.
window.callTest = () => api;
`;

interface CallStats {
  framesDecoded: number;
  audioPacketsReceived: number;
  videoPacketsReceived: number;
  decryptFailures: number;
  selectedPair: { address: string; port: number; candidateType: string } | null;
}
interface CallTest {
  start(url: string, roomId: string, token: string, keyHex: string, mode?: string): Promise<string>;
  refusal(url: string, roomId: string, token: string, keyHex: string, denyMedia: boolean): Promise<string>;
  stats(): Promise<CallStats>;
  phase(): { phase: string; phases: string[]; remoteTracks: number };
  hangUp(): void;
}
/** Defined in the page (see ENTRY); only called inside page.evaluate callbacks. */
declare function callTest(): CallTest;

/** What the SFU receives from one publisher, read by wrapping its (private) forward(). */
interface ForwardedPacket {
  header: { marker: boolean };
  payload: Uint8Array;
}
interface Tappable {
  forward(packet: ForwardedPacket): void;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip)('end-to-end encrypted calls between two Chromium browsers', () => {
  let buildDir: string;
  let media: TestMedia;
  let pageServer: http.Server;
  let origin: string;
  let browser: Browser;
  let sodium: Sodium;
  const pages: Page[] = [];

  beforeAll(async () => {
    sodium = await getSodium();
    // Under the repository, so the entry resolves @beratung/shared and node_modules like the apps.
    buildDir = mkdtempSync(path.join(HERE, '.call-encryption-'));
    writeFileSync(path.join(buildDir, 'entry.js'), ENTRY);
    writeFileSync(
      path.join(buildDir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>call</title><script type="module" src="./entry.js"></script>',
    );
    const outDir = path.join(buildDir, 'dist');
    await build({
      root: buildDir,
      configFile: false,
      logLevel: 'warn',
      base: './',
      worker: { format: 'es' },
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        minify: false,
        modulePreload: { polyfill: false },
      },
    });

    pageServer = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      const file = path.resolve(outDir, `.${url.pathname === '/' ? '/index.html' : url.pathname}`);
      if (!file.startsWith(outDir + path.sep)) return void res.writeHead(404).end();
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        return void res.writeHead(404).end();
      }
      res
        .writeHead(200, {
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          // The apps' policy (server/src/app.ts): the module worker and libsodium's WebAssembly must work under it.
          'content-security-policy': `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' ${new URL(media.signallingUrl).origin}`,
        })
        .end(body);
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
    media = await startTestMedia({ udpPorts: [43500, 43599], env: { MEDIA_ALLOWED_ORIGINS: origin } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await media?.stop();
    pageServer?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    pages.push(page);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'callTest' in globalThis, undefined, { timeout: 10_000 });
    return { page, problems };
  }

  async function join(page: Page, roomId: string, participantId: string, key: Uint8Array, mode?: string) {
    const token = await media.token(roomId, participantId);
    return page.evaluate(([url, room, t, k, m]) => callTest().start(url!, room!, t!, k!, m), [
      media.signallingUrl,
      roomId,
      token,
      hex(key),
      mode,
    ] as const);
  }

  const stats = (page: Page) => page.evaluate(() => callTest().stats());

  /** Collects what the SFU receives from a participant's audio and video publishers. */
  function tapPublishers(roomId: string, participantId: string) {
    const packets = { audio: [] as ForwardedPacket[], video: [] as ForwardedPacket[] };
    const participant = media.app.rooms.get(roomId).participants.get(participantId);
    for (const kind of ['audio', 'video'] as const) {
      const publisher = participant?.publishers.get(kind) as unknown as Tappable | undefined;
      if (!publisher) throw new Error(`no ${kind} publisher of ${participantId}`);
      const forward = publisher.forward.bind(publisher);
      publisher.forward = (packet) => {
        if (packets[kind].length < 400) {
          packets[kind].push({
            header: { marker: packet.header.marker },
            payload: Uint8Array.from(packet.payload),
          });
        }
        forward(packet);
      };
    }
    return packets;
  }

  async function closePages() {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  }

  it('with the same key both sides decode video and receive audio; the SFU sees only ciphertext', async () => {
    const conversationKey = sodium.randombytes_buf(32);
    const key = await deriveCallMediaKey(conversationKey, 1);
    const roomId = await media.createRoom();
    const counselor = await openPage();
    const seeker = await openPage();
    const modes = [await join(counselor.page, roomId, 'counselor', key)];
    const tapped = tapPublishers(roomId, 'counselor');
    modes.push(await join(seeker.page, roomId, 'seeker', key));

    const started = Date.now();
    let last: CallStats[] = [];
    while (Date.now() - started < 20_000) {
      last = await Promise.all([stats(counselor.page), stats(seeker.page)]);
      if (last.every((s) => s.framesDecoded > 10 && s.audioPacketsReceived > 10)) break;
      await sleep(100);
    }
    console.log('encrypted call', JSON.stringify({ modes, seconds: (Date.now() - started) / 1000, last }));
    expect(modes).toEqual(['script-transform', 'script-transform']);
    for (const s of last) {
      expect(s.framesDecoded).toBeGreaterThan(10);
      expect(s.audioPacketsReceived).toBeGreaterThan(10);
      expect(s.decryptFailures).toBe(0);
      expect(s.selectedPair?.address).toBe('127.0.0.1');
      expect(s.selectedPair?.port).toBeGreaterThanOrEqual(media.portRange[0]);
      expect(s.selectedPair?.port).toBeLessThanOrEqual(media.portRange[1]);
    }

    // An Opus frame is one RTP payload: what the SFU forwards is our frame format,
    // opened by the call key only.
    expect(tapped.audio.length).toBeGreaterThan(10);
    const decryptor = createFrameDecryptor(sodium, key);
    const stranger = createFrameDecryptor(sodium, sodium.randombytes_buf(32));
    for (const { payload } of tapped.audio) {
      expect(readFrameTrailer(payload)?.headerLength).toBe(1);
      expect(decryptor.decrypt(payload, 'audio')).not.toBeNull();
      expect(stranger.decrypt(payload, 'audio')).toBeNull();
    }
    // A VP8 frame's last packet ends with the trailer's flags byte (3 or 10 clear bytes).
    const frameEnds = tapped.video.filter((p) => p.header.marker);
    expect(frameEnds.length).toBeGreaterThan(5);
    for (const { payload } of frameEnds) expect([0x13, 0x1a]).toContain(payload[payload.length - 1]);

    // Hanging up ends the session at once; the other side loses the tracks, then the room closes.
    await counselor.page.evaluate(() => callTest().hangUp());
    expect(await counselor.page.evaluate(() => callTest().phase())).toMatchObject({
      phase: 'ended',
      phases: ['connected', 'ended:left'],
    });
    await seeker.page.waitForFunction(() => callTest().phase().remoteTracks === 0, undefined, {
      timeout: 10_000,
    });
    await media.control('DELETE', `/rooms/${roomId}`);
    await seeker.page.waitForFunction(() => callTest().phase().phase === 'ended', undefined, {
      timeout: 10_000,
    });
    expect(await seeker.page.evaluate(() => callTest().phase().phases)).toEqual([
      'connected',
      'ended:room-closed',
    ]);
    expect([...counselor.problems, ...seeker.problems]).toEqual([]);
    await closePages();
  });

  it('encrypts the same way on the insertable-streams path (one side each way)', async () => {
    const key = await deriveCallMediaKey(sodium.randombytes_buf(32), 2);
    const roomId = await media.createRoom();
    const a = await openPage();
    const b = await openPage();
    const modes = [
      await join(a.page, roomId, 'counselor', key, 'insertable-streams'),
      await join(b.page, roomId, 'seeker', key, 'script-transform'),
    ];
    const started = Date.now();
    let last: CallStats[] = [];
    while (Date.now() - started < 20_000) {
      last = await Promise.all([stats(a.page), stats(b.page)]);
      if (last.every((s) => s.framesDecoded > 10 && s.audioPacketsReceived > 10)) break;
      await sleep(100);
    }
    console.log(
      'mixed transform paths',
      JSON.stringify({ modes, seconds: (Date.now() - started) / 1000, last }),
    );
    expect(modes).toEqual(['insertable-streams', 'script-transform']);
    for (const s of last) {
      expect(s.framesDecoded).toBeGreaterThan(10);
      expect(s.audioPacketsReceived).toBeGreaterThan(10);
      expect(s.decryptFailures).toBe(0);
    }
    for (const { page } of [a, b]) await page.evaluate(() => callTest().hangUp());
    expect([...a.problems, ...b.problems]).toEqual([]);
    await closePages();
    await media.control('DELETE', `/rooms/${roomId}`);
  });

  it('with different keys the SFU still forwards, but nothing decodes', async () => {
    const conversationKey = sodium.randombytes_buf(32);
    const roomId = await media.createRoom();
    const a = await openPage();
    const b = await openPage();
    await join(a.page, roomId, 'counselor', await deriveCallMediaKey(conversationKey, 3));
    await join(b.page, roomId, 'seeker', await deriveCallMediaKey(conversationKey, 4));
    let last: CallStats[] = [];
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      last = await Promise.all([stats(a.page), stats(b.page)]);
      if (last.every((s) => s.videoPacketsReceived > 0)) break;
      await sleep(100);
    }
    expect(last.every((s) => s.videoPacketsReceived > 0)).toBe(true);
    const watched = Date.now();
    while (Date.now() - watched < 4_000) {
      last = await Promise.all([stats(a.page), stats(b.page)]);
      for (const s of last) expect(s.framesDecoded).toBe(0);
      await sleep(250);
    }
    console.log('wrong key', JSON.stringify({ last }));
    for (const s of last) {
      expect(s.videoPacketsReceived).toBeGreaterThan(20);
      expect(s.audioPacketsReceived).toBeGreaterThan(20);
      expect(s.framesDecoded).toBe(0);
      expect(s.decryptFailures).toBeGreaterThan(0);
    }
    for (const { page } of [a, b]) await page.evaluate(() => callTest().hangUp());
    await closePages();
    await media.control('DELETE', `/rooms/${roomId}`);
  });

  it("start() rejects with the SFU's error code, or MEDIA_DENIED without a microphone", async () => {
    const roomId = await media.createRoom();
    const { page, problems } = await openPage();
    const key = hex(sodium.randombytes_buf(32));
    const refusal = (room: string, token: string, denyMedia: boolean) =>
      page.evaluate(([u, r, t, k, d]) => callTest().refusal(u, r, t, k, d), [
        media.signallingUrl,
        room,
        token,
        key,
        denyMedia,
      ] as const);
    expect(await refusal(roomId, 'not-a-token', false)).toBe('TOKEN_REFUSED');
    // The media is asked for first: a denied microphone leaves the token unused.
    const token = await media.token(roomId, 'seeker');
    expect(await refusal(roomId, token, true)).toBe('MEDIA_DENIED');
    expect(await refusal(roomId, token, false)).toBe('joined');
    expect(await refusal(roomId, token, false)).toBe('TOKEN_REFUSED');
    expect(problems.filter((p) => !p.includes('WebSocket'))).toEqual([]);
    await closePages();
    await media.control('DELETE', `/rooms/${roomId}`);
  });
});
