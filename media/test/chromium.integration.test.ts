import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMedia, type TestMedia } from './support/media';

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && fs.existsSync(p),
);

/**
 * The smallest browser client of the signalling protocol (what the chat app will do):
 * camera and microphone from Chromium's fake devices, answers every offer, attaches its
 * tracks to the m-lines the SFU names in `publish`.
 */
const PAGE = `<!doctype html><meta charset="utf-8"><title>call</title><script>
window.joinCall = async (url, roomId, token) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
  const ws = new WebSocket(url);
  window.messages = [];
  let pc;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'join', roomId, token, publish: ['audio', 'video'] }));
  let chain = Promise.resolve();
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    window.messages.push(message.type);
    chain = chain.then(async () => {
      if (message.type === 'joined') {
        pc = new RTCPeerConnection({ iceServers: message.iceServers });
        window.pc = pc;
        pc.onicecandidate = (e) => ws.send(JSON.stringify({ type: 'candidate', candidate: e.candidate ? e.candidate.toJSON() : null }));
      } else if (message.type === 'offer') {
        await pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
        for (const slot of message.publish) {
          const transceiver = pc.getTransceivers().find((t) => t.mid === slot.mid);
          if (!transceiver || transceiver.sender.track) continue;
          transceiver.direction = 'sendonly';
          await transceiver.sender.replaceTrack(stream.getTracks().find((t) => t.kind === slot.kind));
        }
        await pc.setLocalDescription(await pc.createAnswer());
        ws.send(JSON.stringify({ type: 'answer', sdp: pc.localDescription.sdp }));
      } else if (message.type === 'closed') {
        pc.close();
      }
    }).catch((error) => { window.failure = String(error); });
  };
};
window.callStats = async () => {
  const out = { video: null, audio: null, pair: null };
  if (!window.pc) return out;
  const report = await window.pc.getStats();
  const candidates = {};
  report.forEach((s) => { if (s.type === 'remote-candidate' || s.type === 'local-candidate') candidates[s.id] = s; });
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') out.video = { framesDecoded: s.framesDecoded || 0, keyFramesDecoded: s.keyFramesDecoded || 0 };
    if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audio = { packetsReceived: s.packetsReceived || 0 };
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = report.get(s.selectedCandidatePairId);
      const remote = candidates[pair.remoteCandidateId];
      out.pair = { address: remote.address, port: remote.port, candidateType: remote.candidateType };
    }
  });
  return out;
};
</script>`;

/**
 * Two real headless Chromium pages with fake devices in one call through the SFU, on
 * 127.0.0.1: each decodes the other's video and receives its audio, and each one's
 * selected ICE pair ends at the SFU. Skipped when no Chromium is installed.
 */
describe.skipIf(!chromiumPath)('a call between two Chromium browsers', () => {
  let media: TestMedia;
  let pageServer: http.Server;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    pageServer = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    );
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
    media = await startTestMedia({ udpPorts: [42700, 42799], env: { MEDIA_ALLOWED_ORIGINS: origin } });
    browser = await chromium.launch({
      executablePath: chromiumPath,
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
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await media?.stop();
    pageServer?.close();
  });

  it('both sides decode video and receive audio; the ICE pair ends at the SFU', async () => {
    const roomId = await media.createRoom();
    const pages: Page[] = [];
    for (const id of ['counselor', 'seeker']) {
      const page = await browser.newPage();
      await page.goto(origin);
      await page.evaluate(
        ([url, room, token]) =>
          (globalThis as unknown as { joinCall(...a: string[]): Promise<void> }).joinCall(
            url!,
            room!,
            token!,
          ),
        [media.signallingUrl, roomId, await media.token(roomId, id)],
      );
      pages.push(page);
    }
    const started = Date.now();
    const stats = async (page: Page) =>
      page.evaluate(() =>
        (
          globalThis as unknown as {
            callStats(): Promise<{
              video: { framesDecoded: number } | null;
              audio: { packetsReceived: number } | null;
              pair: { address: string; port: number } | null;
            }>;
          }
        ).callStats(),
      );
    let last: Awaited<ReturnType<typeof stats>>[] = [];
    let firstFrames: number | null = null;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      last = await Promise.all(pages.map(stats));
      if (firstFrames === null && last.every((s) => (s.video?.framesDecoded ?? 0) > 0)) {
        firstFrames = (Date.now() - started) / 1000;
      }
      if (last.every((s) => (s.video?.framesDecoded ?? 0) > 10 && (s.audio?.packetsReceived ?? 0) > 10))
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(
      'chromium call',
      JSON.stringify({
        secondsUntilFirstFrames: firstFrames,
        secondsUntilTenFrames: (Date.now() - started) / 1000,
        last,
      }),
    );
    for (const s of last) {
      expect(s.video?.framesDecoded).toBeGreaterThan(10);
      expect(s.audio?.packetsReceived).toBeGreaterThan(10);
      expect(s.pair?.address).toBe('127.0.0.1');
      expect(s.pair?.port).toBeGreaterThanOrEqual(media.portRange[0]);
      expect(s.pair?.port).toBeLessThanOrEqual(media.portRange[1]);
    }
    await media.control('DELETE', `/rooms/${roomId}`);
    for (const page of pages) {
      await page.waitForFunction(
        () => (globalThis as unknown as { pc: { connectionState: string } }).pc.connectionState === 'closed',
      );
    }
  });
});
