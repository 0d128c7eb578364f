import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import os from 'node:os';
import { Bot } from './bot';
import type { MediaProcess } from './media-process';
import { machineCpu, sleep, udpReceiveBufferErrors } from './proc';
import { Replayer } from './replayer';
import { installWeriftFastPaths } from '../src/rtc/werift-fast-paths';
import type { Recording } from './recording';

/** A subscriber froze: a video gap longer than this, or less than MIN_RECEIVED_SHARE received. */
export const FREEZE_GAP_MS = 500;
export const MIN_RECEIVED_SHARE = 0.95;

export interface StepResult {
  calls: number;
  /** Forwarded streams: each call's two participants each get the other's audio and video. */
  streams: number;
  sfuCpuPercent: number;
  sfuRssBytes: number;
  benchCpuPercent: number;
  /** Busy share of all cores of the machine during the window. */
  machineBusyPercent: number;
  /** CPU of every other process (other engineers' work included), in % of one core. */
  othersCpuPercent: number;
  /** UDP datagrams dropped by the kernel for full receive buffers (machine-wide). */
  udpDrops: number;
  benchLoopDelayP99Ms: number;
  /** A freeze no longer than the bench's own longest stall may be the bench's, not the SFU's. */
  benchLoopDelayMaxMs: number;
  sent: { audio: number; video: number };
  received: { audio: number; video: number };
  /** Video frames (marker bit) sent and received, per second and subscriber. */
  framesPerSecond: { sent: number; received: number };
  /** Video packets that arrived a second time (retransmissions after a NACK). */
  repeatedVideo: number;
  forwardedPerSecond: number;
  forwardedKbitPerSecond: number;
  maxVideoGapMs: number;
  /** Subscribers with a freeze, of all subscribers (two per call). */
  frozen: number;
  failedBots: number;
  seconds: number;
  /** The second window of a step whose first one froze. */
  repeat: boolean;
}

interface Call {
  roomId: string;
  bots: [Bot, Bot];
}

/**
 * Ramps 1:1 calls of bot pairs through one media process: for each step, more calls
 * join (the earlier ones keep running), then after a short settling time everything is
 * measured over a window. Each bot publishes the recording (looped, audio and video) and
 * receives its partner's. Stops after the first step with a freeze.
 */
export async function rampCalls(options: {
  media: MediaProcess;
  recording: Recording;
  steps: number[];
  seconds: number;
  botPorts: [number, number];
  log: (line: string) => void;
}): Promise<{
  baselineRssBytes: number;
  idleCpuPercent: number;
  steps: StepResult[];
  stoppedBecause: string | null;
}> {
  const { media, recording, botPorts, log } = options;
  // the bots use werift as the SFU does, with the same faster RTP header parsing
  installWeriftFastPaths();
  const replayer = new Replayer(recording);
  const calls: Call[] = [];
  const results: StepResult[] = [];
  let stoppedBecause: string | null = null;
  // What the process costs with no call at all (timers, the CPU monitor), once tsx has
  // finished loading modules.
  await sleep(1000);
  const baselineRssBytes = media.rssBytes();
  const idleCpu0 = media.cpuMs();
  const idleStart = performance.now();
  await sleep(3000);
  const idleCpuPercent = ((media.cpuMs() - idleCpu0) / (performance.now() - idleStart)) * 100;
  log(`idle SFU: ${idleCpuPercent.toFixed(1)} % CPU, ${(baselineRssBytes / 2 ** 20).toFixed(0)} MiB`);
  try {
    for (const target of options.steps) {
      const joinStart = performance.now();
      const before = calls.length;
      try {
        while (calls.length < target) {
          calls.push(await startCall(media, botPorts, replayer, log));
        }
      } catch (error) {
        stoppedBecause = `call ${calls.length + 1} did not come up in 3 attempts (${String(error)})`;
        log(stoppedBecause);
        break;
      }
      if (calls.length > before) {
        const perCall = (performance.now() - joinStart) / (calls.length - before);
        log(`${calls.length - before} calls joined, ${perCall.toFixed(0)} ms per call (one after another)`);
      }
      // The first keyframe requests and renegotiations are over after a moment.
      await sleep(2000);
      let result = await measure(media, calls, options.seconds, false);
      if (result.frozen > 0) {
        // Other processes on this shared machine can stall the SFU or the bots for a
        // moment: a step that froze is measured once more and counts only if it froze again.
        results.push(result);
        logStep(result, log);
        result = await measure(media, calls, options.seconds, true);
      }
      results.push(result);
      logStep(result, log);
      if (result.frozen > 0) break;
    }
  } finally {
    replayer.stop();
    await Promise.all(calls.flatMap((call) => call.bots.map((bot) => bot.close())));
  }
  return { baselineRssBytes, idleCpuPercent, steps: results, stoppedBecause };
}

function logStep(result: StepResult, log: (line: string) => void): void {
  log(
    `calls ${result.calls}: SFU ${result.sfuCpuPercent.toFixed(0)} % CPU, ` +
      `${(result.sfuRssBytes / 2 ** 20).toFixed(0)} MiB; bench ${result.benchCpuPercent.toFixed(0)} % (loop max ${result.benchLoopDelayMaxMs.toFixed(0)} ms); ` +
      `others ${result.othersCpuPercent.toFixed(0)} %; UDP drops ${result.udpDrops}; machine ${result.machineBusyPercent.toFixed(0)} %; video ${share(result.received.video, result.sent.video)}, ` +
      `audio ${share(result.received.audio, result.sent.audio)}; max gap ${result.maxVideoGapMs.toFixed(0)} ms; ` +
      `frozen ${result.frozen}/${result.calls * 2}${result.repeat ? ' (repeat)' : ''}; failed bots ${result.failedBots}`,
  );
}

export function share(received: number, sent: number): string {
  return sent === 0 ? '–' : `${((received / sent) * 100).toFixed(1)} %`;
}

/**
 * One more call: a room, two bots, both connected and each receiving the other's video
 * (the SFU's second offer, with the partner's tracks, can take a while under load). A
 * call that does not come up in time is given up and tried again, twice.
 */
async function startCall(
  media: MediaProcess,
  botPorts: [number, number],
  replayer: Replayer,
  log: (line: string) => void,
): Promise<Call> {
  for (let attempt = 1; ; attempt++) {
    const roomId = await media.createRoom();
    const tokens = await Promise.all(['a', 'b'].map((id) => media.token(roomId, id)));
    const bots = tokens.map((token) =>
      Bot.open(media.signallingUrl, roomId, token, ['audio', 'video'], botPorts),
    ) as [Bot, Bot];
    try {
      await Promise.all(bots.map((bot) => bot.waitConnected(20_000)));
      for (const bot of bots) replayer.add(bot);
      await Promise.all(bots.map((bot) => bot.waitReceiving('video', 20_000)));
      return { roomId, bots };
    } catch (error) {
      for (const bot of bots) replayer.remove(bot);
      await Promise.all(bots.map((bot) => bot.close()));
      await media.closeRoom(roomId).catch(() => undefined);
      log(`call did not come up (attempt ${attempt}): ${String(error)}`);
      if (attempt === 3) throw error;
    }
  }
}

async function measure(
  media: MediaProcess,
  calls: Call[],
  seconds: number,
  repeat: boolean,
): Promise<StepResult> {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const bots = calls.flatMap((call) => call.bots);
  const startedAt = performance.now();
  for (const bot of bots) bot.resetWindow(startedAt);
  const sfuCpu0 = media.cpuMs();
  const benchCpu0 = process.cpuUsage();
  const machine0 = machineCpu();
  const udpDrops0 = udpReceiveBufferErrors();
  const stats0 = await media.stats();
  loopDelay.enable();
  await sleep(seconds * 1000);
  loopDelay.disable();
  const endedAt = performance.now();
  for (const bot of bots) bot.closeWindow(endedAt);
  const wallMs = endedAt - startedAt;
  const sfuCpuMs = media.cpuMs() - sfuCpu0;
  const benchCpu = process.cpuUsage(benchCpu0);
  const machine1 = machineCpu();
  const udpDrops = udpReceiveBufferErrors() - udpDrops0;
  const stats1 = await media.stats();

  const sent = { audio: 0, video: 0 };
  const received = { audio: 0, video: 0 };
  let frozen = 0;
  let maxVideoGapMs = 0;
  let repeatedVideo = 0;
  let framesSent = 0;
  let framesReceived = 0;
  for (const { bots: pair } of calls) {
    for (const [subscriber, publisher] of [pair, [pair[1], pair[0]]] as const) {
      for (const kind of ['audio', 'video'] as const) {
        sent[kind] += publisher.sent[kind];
        received[kind] += subscriber.received[kind].packets;
      }
      const video = subscriber.received.video;
      repeatedVideo += video.repeated;
      framesSent += publisher.sentFrames;
      framesReceived += video.frames;
      maxVideoGapMs = Math.max(maxVideoGapMs, video.maxGapMs);
      if (video.maxGapMs > FREEZE_GAP_MS || video.packets < publisher.sent.video * MIN_RECEIVED_SHARE) {
        frozen++;
        if (process.env.BENCH_CALLS_DEBUG)
          console.log(
            `[calls] frozen: video ${video.packets}/${publisher.sent.video} gap ${video.maxGapMs.toFixed(0)} ms, ` +
              `audio ${subscriber.received.audio.packets}/${publisher.sent.audio} gap ${subscriber.received.audio.maxGapMs.toFixed(0)} ms`,
          );
      }
    }
  }
  const sfuCpuPercent = (sfuCpuMs / wallMs) * 100;
  const benchCpuPercent = ((benchCpu.user + benchCpu.system) / 1000 / wallMs) * 100;
  const machineBusyPercent = ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * 100;
  return {
    calls: calls.length,
    streams: calls.length * 4,
    sfuCpuPercent,
    sfuRssBytes: media.rssBytes(),
    benchCpuPercent,
    machineBusyPercent,
    othersCpuPercent: Math.max(
      0,
      machineBusyPercent * os.availableParallelism() - sfuCpuPercent - benchCpuPercent,
    ),
    udpDrops,
    benchLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    benchLoopDelayMaxMs: loopDelay.max / 1e6,
    sent,
    received,
    repeatedVideo,
    framesPerSecond: {
      sent: (framesSent * 1000) / wallMs / (calls.length * 2),
      received: (framesReceived * 1000) / wallMs / (calls.length * 2),
    },
    forwardedPerSecond: ((stats1.packetsForwarded - stats0.packetsForwarded) * 1000) / wallMs,
    forwardedKbitPerSecond: ((stats1.bytesForwarded - stats0.bytesForwarded) * 8) / wallMs,
    maxVideoGapMs,
    frozen,
    failedBots: bots.filter((bot) => bot.closed || bot.failure || !bot.connected).length,
    seconds: wallMs / 1000,
    repeat,
  };
}
