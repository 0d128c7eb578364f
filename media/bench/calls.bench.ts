/**
 * Calls through the SFU (issue 6, "Performance"): the `calls` section of `npm run bench`
 * (`npm run bench -- --only calls`; server/bench/run.ts calls benchCalls()).
 *
 * 1. Time to first decoded frame: two headless Chromium pages (fake camera and
 *    microphone) call each other through a media process on 127.0.0.1, N times after
 *    one warm-up call; the clock runs from the moment both pages send `join` (devices
 *    already open) until both have decoded a video frame (getStats every 20 ms in the
 *    pages).
 * 2. A recording: one Chromium page publishes its fake camera (VP8, capped at
 *    700 kbit/s; the easy fake picture comes out at ≈500) and microphone (Opus) through
 *    the SFU, and a werift bot subscribed to it records the RTP packets with their
 *    arrival times. Without Chromium: synthetic VP8/Opus packets of realistic size and
 *    rate.
 * 3. Load: pairs of werift bots in 1:1 calls through ONE media process (a child process,
 *    so /proc shows its CPU and memory alone), each bot replaying the recording (looped,
 *    its own SSRC, sequence numbers and timestamps) and receiving its partner's. The
 *    number of calls ramps up; each step is measured over a window. The bots run in the
 *    bench process and compete with the SFU for the machine's cores: the bench's own
 *    CPU is reported next to the SFU's.
 *
 * Sizes (flags after `npm run bench --`, or environment variables):
 *   --calls-steps 5,10,20,30,35,40,50  BENCH_CALLS_STEPS          concurrent calls per step
 *   --calls-seconds 10                 BENCH_CALLS_SECONDS        measuring window per step
 *   --calls-ttff 10                    BENCH_CALLS_TTFF           Chromium calls for the first frame
 *   --calls-record-seconds 10          BENCH_CALLS_RECORD_SECONDS length of the recording
 *   --calls-chromium auto              BENCH_CALLS_CHROMIUM       auto (when installed) or off
 * A step that froze is measured once more (other processes on a shared machine can
 * stall the SFU or the bots for a moment); the ramp stops when the repeat freezes too.
 * Diagnostics: BENCH_CALLS_CPU_PROFILE=DIR (V8 CPU profile of each media process),
 * BENCH_CALLS_MEDIA_NODE_ARGS (e.g. --trace-gc), BENCH_CALLS_MEDIA_LOG=FILE with
 * BENCH_CALLS_MEDIA_LOG_LEVEL=info (what the media process logged), BENCH_CALLS_DEBUG=1
 * (each frozen subscriber).
 * UDP ports: 44000–44099 (media process of the Chromium calls), 44100–44499 (media
 * process under load), 44500–44999 (bots).
 */
import { Bot } from './bot';
import { chromiumPath, startChromium, type CallPage, type ChromiumSession } from './chromium';
import { rampCalls, share, FREEZE_GAP_MS, MIN_RECEIVED_SHARE, type StepResult } from './load';
import { startMediaProcess, type MediaProcess } from './media-process';
import { loadAverage, percentile, sleep } from './proc';
import { describeRecording, recordFrom, syntheticRecording, type Recording } from './recording';

/** A row of the bench table (the same shape as server/bench/run.ts's Row). */
export interface CallsRow {
  benchmark: string;
  database: string;
  figure: string;
  detail: string;
}

const CHROMIUM_UDP: [number, number] = [44000, 44099];
const LOAD_UDP: [number, number] = [44100, 44499];
const BOT_UDP: [number, number] = [44500, 44999];
const VIDEO_SIZE = { width: 640, height: 480 };
const RECORDING_MAX_BITRATE = 700_000;
const FIRST_FRAME_TIMEOUT_MS = 15_000;
const NO_DB = '–';

interface CallsOptions {
  steps: number[];
  seconds: number;
  ttffCalls: number;
  recordSeconds: number;
  chromium: 'auto' | 'off';
}

function option(flag: string, envName: string, fallback: string): string {
  const args = process.argv;
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1]! : (process.env[envName] ?? fallback);
}

export function callsBenchOptions(): CallsOptions {
  return {
    steps: option('--calls-steps', 'BENCH_CALLS_STEPS', '5,10,20,30,35,40,50').split(',').map(Number),
    seconds: Number(option('--calls-seconds', 'BENCH_CALLS_SECONDS', '10')),
    ttffCalls: Number(option('--calls-ttff', 'BENCH_CALLS_TTFF', '10')),
    recordSeconds: Number(option('--calls-record-seconds', 'BENCH_CALLS_RECORD_SECONDS', '10')),
    chromium: option('--calls-chromium', 'BENCH_CALLS_CHROMIUM', 'auto') as CallsOptions['chromium'],
  };
}

const log = (line: string) => console.log(`[calls] ${line}`);
const mib = (bytes: number) => bytes / 2 ** 20;

export async function benchCalls(options: CallsOptions = callsBenchOptions()): Promise<CallsRow[]> {
  const rows: CallsRow[] = [];
  const loadBefore = loadAverage();
  const browserPath = options.chromium === 'off' ? undefined : chromiumPath;
  let browser: ChromiumSession | null = null;
  let skipped =
    options.chromium === 'off'
      ? 'BENCH_CALLS_CHROMIUM=off'
      : 'no Chromium found (CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser)';
  if (browserPath) {
    try {
      browser = await startChromium(browserPath);
    } catch (error) {
      skipped = `Chromium at ${browserPath} did not start: ${String(error).split('\n')[0]}`;
    }
  }
  let recording: Recording | null = null;
  let recordingNote = '';
  if (browser) {
    const media = await startMediaProcess({ udpPorts: CHROMIUM_UDP, allowedOrigins: browser.origin });
    try {
      if (options.ttffCalls > 0) rows.push(await firstFrameRow(browser, media, options.ttffCalls));
      try {
        recording = await recordChromium(browser, media, options.recordSeconds);
      } catch (error) {
        recordingNote = `Chromium recording failed (${String(error)}), synthetic packets instead; `;
        log(recordingNote);
      }
    } finally {
      await browser.close();
      await media.stop();
    }
  } else {
    rows.push({
      benchmark: 'calls: time to first decoded frame',
      database: NO_DB,
      figure: 'skipped',
      detail: skipped,
    });
    recordingNote = 'no Chromium: synthetic packets; ';
  }
  recording ??= syntheticRecording(options.recordSeconds);
  log(describeRecording(recording));

  const media = await startMediaProcess({ udpPorts: LOAD_UDP });
  let ramp;
  try {
    ramp = await rampCalls({
      media,
      recording,
      steps: options.steps,
      seconds: options.seconds,
      botPorts: BOT_UDP,
      log,
    });
  } finally {
    await media.stop();
  }
  rows.push(
    ...loadRows(
      ramp.steps,
      ramp.baselineRssBytes,
      ramp.idleCpuPercent,
      ramp.stoppedBecause,
      recordingNote + describeRecording(recording),
    ),
  );
  rows.push({
    benchmark: 'calls: machine load (1/5/15 min)',
    database: NO_DB,
    figure: `${loadBefore} → ${loadAverage()}`,
    detail: 'load average before and after the calls section (other processes included)',
  });
  return rows;
}

/**
 * Chromium pair, N calls: both pages load afresh and open their devices, then both send
 * `join` at once; done when both have decoded a video frame.
 */
async function firstFrameRow(
  browser: ChromiumSession,
  media: MediaProcess,
  calls: number,
): Promise<CallsRow> {
  const pages = [await browser.newCallPage(), await browser.newCallPage()] as const;
  const firstFrame: number[] = [];
  const joined: number[] = [];
  const connected: number[] = [];
  let failed = 0;
  // Call 0 warms up (a fresh media process compiles its hot paths, Chromium its codecs)
  // and is not counted.
  for (let i = 0; i <= calls; i++) {
    await Promise.all(pages.map((page) => page.reset(VIDEO_SIZE.width, VIDEO_SIZE.height)));
    const roomId = await media.createRoom();
    const tokens = await Promise.all(['counselor', 'seeker'].map((id) => media.token(roomId, id)));
    await Promise.all(
      pages.map((page, j) => page.join(media.signallingUrl, roomId, tokens[j]!, ['audio', 'video'], null)),
    );
    const deadline = Date.now() + FIRST_FRAME_TIMEOUT_MS;
    let times = await Promise.all(pages.map((page) => page.times()));
    while (times.some((t) => t.firstFrameAt === null) && Date.now() < deadline) {
      await sleep(50);
      times = await Promise.all(pages.map((page) => page.times()));
    }
    const start = Math.min(...times.map((t) => t.joinStartedAt));
    if (i === 0) {
      log(`warm-up call: ${JSON.stringify(times.map((t) => (t.firstFrameAt ?? NaN) - start))} ms`);
    } else if (times.every((t) => t.firstFrameAt !== null)) {
      firstFrame.push(Math.max(...times.map((t) => t.firstFrameAt!)) - start);
      joined.push(Math.max(...times.map((t) => t.joinedAt ?? NaN)) - start);
      connected.push(Math.max(...times.map((t) => t.connectedAt ?? NaN)) - start);
    } else {
      failed++;
      log(`call ${i + 1}: no frame within ${FIRST_FRAME_TIMEOUT_MS} ms ${JSON.stringify(times)}`);
    }
    await Promise.all(pages.map((page) => page.hangUp()));
    await media.closeRoom(roomId);
  }
  await Promise.all(pages.map((page) => page.page.close()));
  log(`first decoded frame (ms): ${firstFrame.map((ms) => ms.toFixed(0)).join(', ')}`);
  return {
    benchmark: 'calls: time to first decoded frame p50 / p95',
    database: NO_DB,
    figure: `${percentile(firstFrame, 50).toFixed(0)} / ${percentile(firstFrame, 95).toFixed(0)} ms`,
    detail:
      `${firstFrame.length} of ${calls} Chromium calls after one warm-up call (${failed} without a frame in ${FIRST_FRAME_TIMEOUT_MS / 1000} s), ` +
      `${VIDEO_SIZE.width}x${VIDEO_SIZE.height} fake camera; from both pages sending join until both decoded a frame ` +
      `(getStats every 20 ms); p50 'joined' ${percentile(joined, 50).toFixed(0)} ms, both connected ${percentile(connected, 50).toFixed(0)} ms; max ${Math.max(...firstFrame).toFixed(0)} ms`,
  };
}

/** One Chromium page publishes; a werift bot subscribed to it records what arrives. */
async function recordChromium(
  browser: ChromiumSession,
  media: MediaProcess,
  seconds: number,
): Promise<Recording> {
  const page: CallPage = await browser.newCallPage();
  const roomId = await media.createRoom();
  const [publisherToken, recorderToken] = await Promise.all(
    ['publisher', 'recorder'].map((id) => media.token(roomId, id)),
  );
  let bot: Bot | null = null;
  try {
    await page.reset(VIDEO_SIZE.width, VIDEO_SIZE.height);
    await page.join(media.signallingUrl, roomId, publisherToken!, ['audio', 'video'], RECORDING_MAX_BITRATE);
    // The recorder joins once the page is connected: a recorder that joined while the
    // page was still negotiating once never connected (the SFU gave up after 20 s with
    // connection-failed; not investigated further).
    const deadline = Date.now() + 15_000;
    while ((await page.times()).connectedAt === null) {
      if (Date.now() > deadline) throw new Error('publishing page not connected');
      await sleep(50);
    }
    bot = Bot.open(media.signallingUrl, roomId, recorderToken!, [], BOT_UDP);
    await bot.waitConnected(20_000);
    // Chromium's encoder starts low and ramps its bit rate up over the first seconds.
    await sleep(5000);
    const recording = await recordFrom(bot, seconds, seconds * 1000 + 15_000);
    const outbound = await page.outboundVideo();
    log(`Chromium outbound video: ${JSON.stringify(outbound)}`);
    return recording;
  } finally {
    await bot?.close();
    await page.hangUp().catch(() => undefined);
    await page.page.close();
    await media.closeRoom(roomId).catch(() => undefined);
  }
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** Least-squares slope of y over x (NaN with fewer than two distinct x). */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

function loadRows(
  steps: StepResult[],
  baselineRssBytes: number,
  idleCpuPercent: number,
  stoppedBecause: string | null,
  recordingDetail: string,
): CallsRow[] {
  const rows: CallsRow[] = steps.map((step) => ({
    benchmark: `calls: ${step.calls} concurrent 1:1 calls (bots)${step.repeat ? ', repeated' : ''}`,
    database: NO_DB,
    figure: `SFU ${step.sfuCpuPercent.toFixed(0)} % CPU, ${mib(step.sfuRssBytes).toFixed(0)} MiB`,
    detail:
      `${step.streams} streams, ${Math.round(step.forwardedPerSecond)} packets/s, ` +
      `${(step.forwardedKbitPerSecond / 1000).toFixed(1)} Mbit/s payload forwarded; received/sent video ${share(step.received.video, step.sent.video)}, ` +
      `audio ${share(step.received.audio, step.sent.audio)}, ${step.repeatedVideo} video retransmissions; ` +
      `frames/s per subscriber ${step.framesPerSecond.received.toFixed(1)} of ${step.framesPerSecond.sent.toFixed(1)} sent; max video gap ${step.maxVideoGapMs.toFixed(0)} ms; ` +
      `frozen ${step.frozen}/${step.calls * 2}${step.failedBots ? `, ${step.failedBots} bots failed` : ''}; ` +
      `bench ${step.benchCpuPercent.toFixed(0)} % (event-loop delay p99 ${step.benchLoopDelayP99Ms.toFixed(0)} / max ${step.benchLoopDelayMaxMs.toFixed(0)} ms), other processes ${step.othersCpuPercent.toFixed(0)} %, ` +
      `machine ${step.machineBusyPercent.toFixed(0)} % busy; UDP receive-buffer drops ${step.udpDrops}`,
  }));
  // A step whose first window froze counts by its repeat (the later entry).
  const final = steps.filter((s, i) => steps[i + 1]?.calls !== s.calls);
  const clean = final.filter((s) => s.frozen === 0 && s.failedBots === 0);
  const largest = clean.at(-1);
  if (largest) {
    const perStreamSlope = slope(clean.map((s) => [s.streams, s.sfuCpuPercent]));
    rows.push({
      benchmark: 'calls: SFU CPU per forwarded stream',
      database: NO_DB,
      figure: `${(largest.sfuCpuPercent / largest.streams).toFixed(2)} % of one core`,
      detail:
        `at ${largest.calls} calls (${largest.streams} streams, audio and video counted apart); ` +
        `slope over the steps ${fixed(perStreamSlope, 2)} %/stream; idle process ${idleCpuPercent.toFixed(1)} %; ${recordingDetail}`,
    });
    rows.push({
      benchmark: 'calls: SFU CPU per 1:1 call',
      database: NO_DB,
      figure: `${(largest.sfuCpuPercent / largest.calls).toFixed(1)} % of one core`,
      detail: `at ${largest.calls} calls: ${largest.sfuCpuPercent.toFixed(0)} % / ${largest.calls}; slope ${fixed(perStreamSlope * 4, 1)} %/call`,
    });
  }
  if (steps.length > 0) {
    const points: Array<[number, number]> = [
      [0, baselineRssBytes],
      ...steps.map((s): [number, number] => [s.calls * 2, s.sfuRssBytes]),
    ];
    rows.push({
      benchmark: 'calls: SFU memory per participant',
      database: NO_DB,
      figure: `${(slope(points) / 1024).toFixed(0)} KiB RSS`,
      detail: `slope of RSS over participants (${mib(baselineRssBytes).toFixed(0)} MiB with none, ${mib(steps.at(-1)!.sfuRssBytes).toFixed(0)} MiB with ${steps.at(-1)!.calls * 2})`,
    });
  }
  const firstFrozen = final.find((s) => s.frozen > 0 || s.failedBots > 0);
  rows.push({
    benchmark: 'calls: most concurrent 1:1 calls without freezes',
    database: NO_DB,
    figure: largest ? `${largest.calls}` : '0',
    detail:
      (firstFrozen
        ? `freezes from ${firstFrozen.calls} calls on`
        : stoppedBecause
          ? `ramp stopped: ${stoppedBecause}`
          : `no freezes up to the last step (${steps.at(-1)?.calls ?? 0}); more steps may hold more`) +
      `; freeze: a subscriber's video gap > ${FREEZE_GAP_MS} ms or < ${MIN_RECEIVED_SHARE * 100} % of the partner's packets received; one media process`,
  });
  return rows;
}
