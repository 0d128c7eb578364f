import os from 'node:os';

/**
 * The process's CPU use, sampled every few seconds: the share of one core used in the
 * last interval (100 = one core fully busy) and the totals since start.
 */
export class CpuMonitor {
  private previous = process.cpuUsage();
  private previousAt = process.hrtime.bigint();
  private lastPercent = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = 5000) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sample(): void {
    const now = process.hrtime.bigint();
    const usage = process.cpuUsage(this.previous);
    const elapsedMicros = Number(now - this.previousAt) / 1000;
    if (elapsedMicros > 0) this.lastPercent = ((usage.user + usage.system) / elapsedMicros) * 100;
    this.previous = process.cpuUsage();
    this.previousAt = now;
  }

  snapshot() {
    const total = process.cpuUsage();
    return {
      /** Share of one core in the last sampling interval, in percent. */
      percentOfOneCore: Math.round(this.lastPercent * 10) / 10,
      userSeconds: total.user / 1e6,
      systemSeconds: total.system / 1e6,
      cores: os.availableParallelism(),
    };
  }
}
