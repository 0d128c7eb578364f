import { Worker } from 'node:worker_threads';

/**
 * Server-side hash of the client's authKey. authKey already has full entropy (it is an
 * Argon2id output), so moderate limits suffice: the OWASP minimum for Argon2id
 * (19 MiB, 2 passes). It still takes ~25 ms, so it runs in worker threads.
 */
export const SERVER_HASH_LIMITS = { opslimit: 2, memlimit: 19 * 1024 * 1024 } as const;

interface Task {
  message: Record<string, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class PasswordHasher {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly pending = new Map<number, { worker: Worker; task: Task }>();
  private nextId = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./password-hash.worker.mjs', import.meta.url));
      worker.unref();
      worker.on('message', (reply: { id: number; result?: unknown; error?: string }) =>
        this.onReply(worker, reply),
      );
      worker.on('error', (error) => this.onWorkerError(worker, error));
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  hash(secret: string): Promise<string> {
    return this.run({ op: 'hash', secret, ...SERVER_HASH_LIMITS }) as Promise<string>;
  }

  verify(hash: string, secret: string): Promise<boolean> {
    return this.run({ op: 'verify', hash, secret }) as Promise<boolean>;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((worker) => worker.terminate()));
  }

  private run(message: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      const id = this.nextId++;
      this.pending.set(id, { worker, task });
      worker.postMessage({ id, ...task.message });
    }
  }

  private onReply(worker: Worker, reply: { id: number; result?: unknown; error?: string }): void {
    const entry = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    this.idle.push(worker);
    if (entry) {
      if (reply.error) entry.task.reject(new Error(reply.error));
      else entry.task.resolve(reply.result);
    }
    this.dispatch();
  }

  private onWorkerError(worker: Worker, error: Error): void {
    for (const [id, entry] of this.pending) {
      if (entry.worker === worker) {
        this.pending.delete(id);
        entry.task.reject(error);
      }
    }
  }
}
