import { getSodium } from '@beratung/shared/crypto/sodium';
import {
  createFrameCryptoStream,
  type EncodedStreams,
  type FrameTransformOptions,
} from './frame-crypto-stream';

/**
 * The RTCRtpScriptTransform worker of a call: one `rtctransform` event per sender
 * (encrypt) and receiver (decrypt), the key in the transform options. libsodium is
 * initialised here, in the worker's own context.
 */

/** Page → worker: how many frames failed to decrypt so far. */
export interface TransformWorkerRequest {
  type: 'stats';
  id: number;
}
/** Worker → page. */
export type TransformWorkerMessage =
  { type: 'stats'; id: number; decryptFailures: number } | { type: 'error'; message: string };

interface ScriptTransformer extends EncodedStreams {
  readonly options: FrameTransformOptions;
}

/** The worker global as used here (the client is type-checked with the DOM lib only). */
interface TransformWorkerScope {
  addEventListener(type: 'rtctransform', listener: (event: { transformer: ScriptTransformer }) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TransformWorkerRequest>) => void): void;
  postMessage(message: TransformWorkerMessage): void;
}

const scope = self as unknown as TransformWorkerScope;
const sodium = getSodium();
let decryptFailures = 0;

scope.addEventListener('rtctransform', ({ transformer }) => {
  sodium
    .then((ready) =>
      transformer.readable
        .pipeThrough(
          createFrameCryptoStream(ready, transformer.options, () => {
            decryptFailures += 1;
          }),
        )
        .pipeTo(transformer.writable),
    )
    .catch((error: unknown) => {
      // A closed peer connection ends the streams with an error, too: report, nothing more.
      scope.postMessage({ type: 'error', message: String(error) });
    });
});

scope.addEventListener('message', ({ data }) => {
  if (data?.type === 'stats') scope.postMessage({ type: 'stats', id: data.id, decryptFailures });
});
