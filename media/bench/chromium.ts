import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((p): p is string => !!p && fs.existsSync(p));

/**
 * The browser side of a call (as in test/chromium.integration.test.ts): fake camera and
 * microphone, answers every offer. `prepare` opens the devices before the clock starts;
 * `joinCall` notes `joinStartedAt` and polls getStats every 20 ms in the page until a
 * video frame has been decoded (`firstFrameAt`), both with Date.now(), the clock the
 * bench process reads too. `maxBitrate` caps the camera's encoding (the recording).
 */
const PAGE = `<!doctype html><meta charset="utf-8"><title>call</title><script>
window.prepare = async (width, height) => {
  window.stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width, height, frameRate: 30 } });
};
window.joinCall = (url, roomId, token, publish, maxBitrate) => {
  window.joinStartedAt = Date.now();
  window.firstFrameAt = null;
  window.connectedAt = null;
  const ws = new WebSocket(url);
  window.ws = ws;
  let pc;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'join', roomId, token, publish }));
  let chain = Promise.resolve();
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    chain = chain.then(async () => {
      if (message.type === 'joined') {
        window.joinedAt = Date.now();
        pc = new RTCPeerConnection({ iceServers: message.iceServers });
        window.pc = pc;
        pc.onconnectionstatechange = () => { if (pc.connectionState === 'connected') window.connectedAt ??= Date.now(); };
        pc.onicecandidate = (e) => ws.send(JSON.stringify({ type: 'candidate', candidate: e.candidate ? e.candidate.toJSON() : null }));
        const poll = async () => {
          if (pc.signalingState === 'closed' || window.firstFrameAt) return;
          const report = await pc.getStats();
          report.forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0) window.firstFrameAt ??= Date.now();
          });
          setTimeout(poll, 20);
        };
        poll();
      } else if (message.type === 'offer') {
        await pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
        for (const slot of message.publish) {
          const transceiver = pc.getTransceivers().find((t) => t.mid === slot.mid);
          if (!transceiver || transceiver.sender.track) continue;
          transceiver.direction = 'sendonly';
          await transceiver.sender.replaceTrack(window.stream.getTracks().find((t) => t.kind === slot.kind));
          if (slot.kind === 'video' && maxBitrate) {
            const parameters = transceiver.sender.getParameters();
            parameters.encodings = [{ ...(parameters.encodings[0] || {}), maxBitrate }];
            // The fake camera is easy to encode; keep its size and frame rate, spend the bits.
            parameters.degradationPreference = 'maintain-framerate-and-resolution';
            await transceiver.sender.setParameters(parameters).catch(() => undefined);
          }
        }
        await pc.setLocalDescription(await pc.createAnswer());
        ws.send(JSON.stringify({ type: 'answer', sdp: pc.localDescription.sdp }));
      } else if (message.type === 'closed') {
        pc.close();
      }
    }).catch((error) => { window.failure = String(error); });
  };
};
window.hangUp = () => { if (window.pc) window.pc.close(); if (window.ws) window.ws.close(); };
window.outboundVideo = async () => {
  let out = null;
  if (!window.pc) return out;
  (await window.pc.getStats()).forEach((s) => {
    if (s.type === 'outbound-rtp' && s.kind === 'video') out = { bytesSent: s.bytesSent, framesEncoded: s.framesEncoded, frameWidth: s.frameWidth, frameHeight: s.frameHeight, targetBitrate: s.targetBitrate };
  });
  return out;
};
</script>`;

/** The page's globals defined above. */
interface PageGlobals {
  prepare(width: number, height: number): Promise<void>;
  joinCall(url: string, roomId: string, token: string, publish: string[], maxBitrate: number | null): void;
  hangUp(): void;
  outboundVideo(): Promise<OutboundVideo | null>;
  joinStartedAt: number;
  joinedAt?: number;
  connectedAt: number | null;
  firstFrameAt: number | null;
  failure?: string;
}

export interface OutboundVideo {
  bytesSent: number;
  framesEncoded: number;
  frameWidth: number;
  frameHeight: number;
  targetBitrate?: number;
}

/** One browser tab that takes part in calls. */
export class CallPage {
  constructor(readonly page: Page) {}

  /** Loads the page afresh (a new call) and opens camera and microphone. */
  async reset(width: number, height: number): Promise<void> {
    await this.page.goto(this.page.url());
    await this.page.evaluate(
      ([w, h]) => (globalThis as unknown as PageGlobals).prepare(w!, h!),
      [width, height],
    );
  }

  /** Sends `join`; the page answers the offers on its own. */
  async join(url: string, roomId: string, token: string, publish: string[], maxBitrate: number | null) {
    await this.page.evaluate(
      ({ url, roomId, token, publish, maxBitrate }) =>
        (globalThis as unknown as PageGlobals).joinCall(url, roomId, token, publish, maxBitrate),
      { url, roomId, token, publish, maxBitrate },
    );
  }

  async hangUp(): Promise<void> {
    await this.page.evaluate(() => (globalThis as unknown as PageGlobals).hangUp());
  }

  outboundVideo(): Promise<OutboundVideo | null> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).outboundVideo());
  }

  /** The page's clock readings of the current call (Date.now(), the bench's clock too). */
  times(): Promise<{
    joinStartedAt: number;
    joinedAt: number | null;
    connectedAt: number | null;
    firstFrameAt: number | null;
    failure: string | null;
  }> {
    return this.page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return {
        joinStartedAt: w.joinStartedAt,
        joinedAt: w.joinedAt ?? null,
        connectedAt: w.connectedAt,
        firstFrameAt: w.firstFrameAt,
        failure: w.failure ?? null,
      };
    });
  }
}

export interface ChromiumSession {
  origin: string;
  newCallPage(): Promise<CallPage>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with fake devices (the flags the integration test needs), and a
 * loopback HTTP server for the page: the media service checks the signalling socket's
 * Origin.
 */
export async function startChromium(executablePath: string): Promise<ChromiumSession> {
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        // The fake camera runs at 20 frames/s unless told otherwise; calls run at 30.
        '--use-fake-device-for-media-stream=fps=30',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
      ],
    });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    origin,
    async newCallPage() {
      const page = await browser.newPage();
      await page.goto(origin);
      return new CallPage(page);
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}
