import type { FrameKind } from '@beratung/shared/crypto/frame-crypto';
import { getSodium } from '@beratung/shared/crypto/sodium';
import {
  createFrameCryptoStream,
  type EncodedStreams,
  type FrameRole,
  type FrameTransformOptions,
} from './frame-crypto-stream';
import type { TransformWorkerMessage, TransformWorkerRequest } from './frame-transform.worker';

/**
 * Which encoded-transform API encrypts the call: the standard RTCRtpScriptTransform
 * (frames handled in a worker), or Chromium's older encoded insertable streams (frames
 * handled on the main thread; needs `encodedInsertableStreams` on the peer connection).
 */
export type TransformMode = 'script-transform' | 'insertable-streams';

/** Senders/receivers with Chromium's `createEncodedStreams()` (not in lib.dom). */
interface InsertableStreamsEndpoint {
  createEncodedStreams(): EncodedStreams;
}

export interface FrameTransforms {
  readonly mode: TransformMode;
  /** What the peer connection must be created with for this mode. */
  readonly rtcConfiguration: RTCConfiguration;
  attachSender(sender: RTCRtpSender, kind: FrameKind): void;
  attachReceiver(receiver: RTCRtpReceiver, kind: FrameKind): void;
  /** Incoming frames dropped because they did not decrypt (wrong key, tampering). */
  decryptFailures(): Promise<number>;
  close(): void;
}

/** Thrown when this browser cannot encrypt call media: the call must not start unencrypted. */
export class TransformUnsupportedError extends Error {
  readonly code = 'E2EE_UNSUPPORTED';
}

const WORKER_READY_TIMEOUT_MS = 5_000;
const WORKER_STATS_TIMEOUT_MS = 1_000;

export function hasScriptTransform(): boolean {
  return typeof window !== 'undefined' && 'RTCRtpScriptTransform' in window;
}

export function hasInsertableStreams(): boolean {
  return typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype;
}

/**
 * The transforms of one call, encrypting under `key`. Prefers the script transform; a
 * worker that does not come up (blocked, failed to load) falls back to insertable
 * streams where the browser has them.
 */
export async function createFrameTransforms(key: Uint8Array, mode?: TransformMode): Promise<FrameTransforms> {
  if ((mode ?? 'script-transform') === 'script-transform' && hasScriptTransform()) {
    try {
      return await createScriptTransforms(key);
    } catch (error) {
      if (mode || !hasInsertableStreams()) throw error;
    }
  }
  if ((mode ?? 'insertable-streams') === 'insertable-streams' && hasInsertableStreams()) {
    return createInsertableStreamTransforms(key);
  }
  throw new TransformUnsupportedError('This browser cannot encrypt call media end to end.');
}

function options(role: FrameRole, kind: FrameKind, key: Uint8Array): FrameTransformOptions {
  return { role, kind, key: key.slice() };
}

async function createScriptTransforms(key: Uint8Array): Promise<FrameTransforms> {
  const worker = new Worker(new URL('./frame-transform.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 0;
  let lastFailures = 0;
  const waiting = new Map<number, (failures: number) => void>();
  let loadError: ((error: Error) => void) | null = null;
  worker.addEventListener('message', ({ data }: MessageEvent<TransformWorkerMessage>) => {
    if (data.type === 'stats') {
      lastFailures = data.decryptFailures;
      waiting.get(data.id)?.(data.decryptFailures);
      waiting.delete(data.id);
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    // A worker that cannot load (blocked, missing) fires a plain Event without a message.
    loadError?.(new Error(`The frame transform worker failed: ${event.message || 'it did not load'}`));
  });
  const ask = (timeoutMs: number) =>
    new Promise<number>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('The frame transform worker did not answer'));
      }, timeoutMs);
      waiting.set(id, (failures) => {
        clearTimeout(timer);
        resolve(failures);
      });
      worker.postMessage({ type: 'stats', id } satisfies TransformWorkerRequest);
    });
  try {
    // The worker answering proves its module loaded (CSP, bundling) before media depends on it.
    await Promise.race([
      ask(WORKER_READY_TIMEOUT_MS),
      new Promise<never>((_, reject) => {
        loadError = reject;
      }),
    ]);
  } catch (error) {
    worker.terminate();
    throw error;
  } finally {
    loadError = null;
  }
  return {
    mode: 'script-transform',
    rtcConfiguration: {},
    attachSender(sender, kind) {
      sender.transform = new RTCRtpScriptTransform(worker, options('encrypt', kind, key));
    },
    attachReceiver(receiver, kind) {
      receiver.transform = new RTCRtpScriptTransform(worker, options('decrypt', kind, key));
    },
    decryptFailures: () => ask(WORKER_STATS_TIMEOUT_MS).catch(() => lastFailures),
    close: () => worker.terminate(),
  };
}

async function createInsertableStreamTransforms(key: Uint8Array): Promise<FrameTransforms> {
  const sodium = await getSodium();
  let failures = 0;
  const pipe = (endpoint: RTCRtpSender | RTCRtpReceiver, role: FrameRole, kind: FrameKind) => {
    const { readable, writable } = (endpoint as unknown as InsertableStreamsEndpoint).createEncodedStreams();
    readable
      .pipeThrough(
        createFrameCryptoStream(sodium, options(role, kind, key), () => {
          failures += 1;
        }),
      )
      .pipeTo(writable)
      // Ends with an error when the peer connection closes.
      .catch(() => undefined);
  };
  return {
    mode: 'insertable-streams',
    // Not in lib.dom: Chromium's switch for createEncodedStreams().
    rtcConfiguration: { encodedInsertableStreams: true } as RTCConfiguration,
    attachSender: (sender, kind) => pipe(sender, 'encrypt', kind),
    attachReceiver: (receiver, kind) => pipe(receiver, 'decrypt', kind),
    decryptFailures: () => Promise.resolve(failures),
    close: () => undefined,
  };
}
