import { performance } from 'node:perf_hooks';
import type { MediaKind } from '../src/signalling/protocol';
import type { Bot } from './bot';
import { CLOCK_RATE, type Recording } from './recording';

/** Where one bot is in the recording it loops. */
interface Playback {
  bot: Bot;
  /** performance.now() at which the current pass through the recording began. */
  passStart: number;
  position: number;
  sequence: Record<MediaKind, number>;
  /** Added to the recorded RTP timestamps: grows by each pass's length. */
  timestampBase: Record<MediaKind, number>;
}

const TICK_MS = 5;

/**
 * Plays one recording on many bots at once from a single timer (one callback every
 * 5 ms for all of them, not one per bot), each bot looping it with its own sequence
 * numbers and timestamps and at its own phase, so keyframes do not line up across
 * calls. A PLI from the SFU makes that bot start over at the recording's first packet,
 * a keyframe, as an encoder would answer it with one.
 */
export class Replayer {
  private readonly playbacks: Playback[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly recording: Recording) {}

  add(bot: Bot): void {
    const now = performance.now();
    const phase = Math.random() * this.recording.durationMs;
    const random16 = () => Math.floor(Math.random() * 0x10000);
    const random32 = () => Math.floor(Math.random() * 2 ** 32);
    const position = this.recording.packets.findIndex((p) => p.offsetMs >= phase);
    this.playbacks.push({
      bot,
      passStart: now - phase,
      // Past the last packet: the pass is over, tick() starts the next one.
      position: position < 0 ? this.recording.packets.length : position,
      sequence: { audio: random16(), video: random16() },
      timestampBase: { audio: random32(), video: random32() },
    });
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  remove(bot: Bot): void {
    const index = this.playbacks.findIndex((p) => p.bot === bot);
    if (index >= 0) this.playbacks.splice(index, 1);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playbacks.length = 0;
  }

  private tick(): void {
    const now = performance.now();
    const { packets, durationMs } = this.recording;
    for (const playback of this.playbacks) {
      if (playback.bot.keyframeRequested) {
        playback.bot.keyframeRequested = false;
        this.newPass(playback, now - playback.passStart, now);
      }
      for (;;) {
        if (playback.position >= packets.length) {
          this.newPass(playback, durationMs, playback.passStart + durationMs);
          continue;
        }
        const packet = packets[playback.position]!;
        if (playback.passStart + packet.offsetMs > now) break;
        playback.position++;
        playback.bot.send(
          packet.kind,
          playback.sequence[packet.kind]++,
          playback.timestampBase[packet.kind] + packet.timestamp,
          packet.marker,
          packet.payload,
        );
      }
    }
  }

  /** Starts the recording over, `elapsedMs` after the previous pass began. */
  private newPass(playback: Playback, elapsedMs: number, start: number): void {
    for (const kind of ['audio', 'video'] as const) {
      playback.timestampBase[kind] += Math.round((elapsedMs * CLOCK_RATE[kind]) / 1000);
    }
    playback.passStart = start;
    playback.position = 0;
  }
}
