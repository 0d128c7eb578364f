import type { RtpPacket } from 'werift';
import { isVp8KeyframeStart } from '../src/rtc/vp8';
import type { MediaKind } from '../src/signalling/protocol';
import type { Bot } from './bot';

/** One packet of a recording, as the replayer sends it again. */
export interface RecordedPacket {
  kind: MediaKind;
  /** When it arrived, ms after the recording's start. */
  offsetMs: number;
  /** RTP timestamp relative to the first packet of its kind. */
  timestamp: number;
  marker: boolean;
  payload: Buffer;
}

export interface Recording {
  source: 'chromium' | 'synthetic';
  /** In arrival order; starts with a VP8 keyframe. */
  packets: RecordedPacket[];
  durationMs: number;
}

export const CLOCK_RATE: Record<MediaKind, number> = { audio: 48_000, video: 90_000 };

/** Bit rate and packet rate per kind, for the printed rows. */
export function describeRecording(recording: Recording): string {
  const seconds = recording.durationMs / 1000;
  const part = (kind: MediaKind) => {
    const packets = recording.packets.filter((p) => p.kind === kind);
    const bytes = packets.reduce((total, p) => total + p.payload.length, 0);
    const frames = kind === 'video' ? packets.filter((p) => p.marker).length / seconds : 0;
    return (
      `${kind} ${Math.round((bytes * 8) / seconds / 1000)} kbit/s, ${Math.round(packets.length / seconds)} packets/s` +
      (kind === 'video' ? `, ${Math.round(frames)} fps` : '')
    );
  };
  return `${recording.source} recording of ${seconds.toFixed(1)} s: ${part('video')}; ${part('audio')}`;
}

/**
 * Records what a subscriber bot receives for `seconds`, starting at the first VP8
 * keyframe (so a replay starts decodable). Retransmissions (a sequence number seen
 * before) and padding-only packets are left out: a replayer sends media, and werift's
 * own sender retransmits on NACK.
 */
export async function recordFrom(bot: Bot, seconds: number, timeoutMs: number): Promise<Recording> {
  const packets: RecordedPacket[] = [];
  const firstTimestamp = new Map<MediaKind, number>();
  const seen = new Map<MediaKind, Set<number>>([
    ['audio', new Set()],
    ['video', new Set()],
  ]);
  let startedAt: number | null = null;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  bot.onRtp = (kind: MediaKind, packet: RtpPacket, at: number) => {
    if (startedAt === null) {
      if (kind !== 'video' || !isVp8KeyframeStart(packet.payload)) return;
      startedAt = at;
    }
    const offsetMs = at - startedAt;
    if (offsetMs > seconds * 1000) return done();
    const { sequenceNumber, timestamp, marker } = packet.header;
    if (packet.payload.length === 0 || seen.get(kind)!.has(sequenceNumber)) return;
    seen.get(kind)!.add(sequenceNumber);
    if (!firstTimestamp.has(kind)) firstTimestamp.set(kind, timestamp);
    packets.push({
      kind,
      offsetMs,
      timestamp: (timestamp - firstTimestamp.get(kind)! + 2 ** 32) % 2 ** 32,
      marker,
      payload: Buffer.from(packet.payload),
    });
  };
  const timer = setTimeout(done, timeoutMs);
  // Chromium sends keyframes only when asked: ask (through the SFU) until one arrives.
  bot.requestKeyframe();
  const asking = setInterval(() => {
    if (startedAt === null) bot.requestKeyframe();
  }, 1000);
  await finished;
  clearTimeout(timer);
  clearInterval(asking);
  bot.onRtp = null;
  if (packets.length === 0) throw new Error('nothing recorded (no keyframe arrived)');
  return { source: 'chromium', packets, durationMs: seconds * 1000 };
}

/**
 * Without Chromium: VP8-like and Opus-like packets of realistic size and rate — 30
 * frames/s at ≈500 kbit/s (a 3-packet keyframe of ≈3 KB every 3 s, otherwise ≈2 KB
 * frames split into two packets), Opus 20 ms frames of ≈80 bytes (≈32 kbit/s).
 * The payload descriptor and frame tag are valid VP8, the rest is filler.
 */
export function syntheticRecording(seconds: number): Recording {
  const packets: RecordedPacket[] = [];
  const durationMs = seconds * 1000;
  for (let frame = 0; frame * (1000 / 30) < durationMs; frame++) {
    const offsetMs = frame * (1000 / 30);
    const timestamp = frame * 3000;
    const keyframe = frame % 90 === 0;
    const sizes = keyframe ? [1100, 1100, 900] : [1050, 1000];
    sizes.forEach((size, i) => {
      const payload = Buffer.alloc(size, 0x5a);
      // VP8 payload descriptor: S=1 on the first packet; frame tag P bit 0 = keyframe.
      payload[0] = i === 0 ? 0x10 : 0x00;
      payload[1] = keyframe ? 0x00 : 0x01;
      packets.push({ kind: 'video', offsetMs, timestamp, marker: i === sizes.length - 1, payload });
    });
  }
  for (let i = 0; i * 20 < durationMs; i++) {
    packets.push({
      kind: 'audio',
      offsetMs: i * 20,
      timestamp: i * 960,
      marker: false,
      payload: Buffer.alloc(80, 0x78),
    });
  }
  packets.sort((a, b) => a.offsetMs - b.offsetMs);
  return { source: 'synthetic', packets, durationMs };
}
