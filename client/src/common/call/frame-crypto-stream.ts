import {
  createFrameDecryptor,
  createFrameEncryptor,
  type FrameKind,
} from '@beratung/shared/crypto/frame-crypto';
import type { Sodium } from '@beratung/shared/crypto/sodium';

/**
 * What both encoded-transform APIs hand over: RTCEncodedVideoFrame (with `type`) or
 * RTCEncodedAudioFrame. Only the fields used here, as lib.dom types them differently
 * across versions.
 */
export interface EncodedFrame {
  data: ArrayBuffer;
  readonly type?: 'key' | 'delta' | 'empty';
}

/** The readable/writable pair of an encoded transform (either API). */
export interface EncodedStreams {
  readable: ReadableStream<EncodedFrame>;
  writable: WritableStream<EncodedFrame>;
}

export type FrameRole = 'encrypt' | 'decrypt';

/** What a transform needs to know; also the RTCRtpScriptTransform options posted to the worker. */
export interface FrameTransformOptions {
  role: FrameRole;
  kind: FrameKind;
  key: Uint8Array;
}

/**
 * The TransformStream that encrypts outgoing or decrypts incoming encoded frames. A
 * frame that does not decrypt is dropped, never passed on to the decoder; a frame that
 * cannot be encrypted is dropped too, so nothing leaves in the clear.
 */
export function createFrameCryptoStream(
  sodium: Sodium,
  { role, kind, key }: FrameTransformOptions,
  onDecryptFailure: () => void,
): TransformStream<EncodedFrame, EncodedFrame> {
  if (role === 'encrypt') {
    const encryptor = createFrameEncryptor(sodium, key);
    return new TransformStream({
      transform(frame, controller) {
        try {
          const keyFrame = kind === 'video' && frame.type === 'key';
          frame.data = toArrayBuffer(encryptor.encrypt(new Uint8Array(frame.data), kind, keyFrame));
          controller.enqueue(frame);
        } catch {
          // Dropped: the sender asks for a keyframe again if the decoder needs one.
        }
      },
    });
  }
  const decryptor = createFrameDecryptor(sodium, key);
  return new TransformStream({
    transform(frame, controller) {
      const plain = decryptor.decrypt(new Uint8Array(frame.data), kind);
      if (!plain) {
        onDecryptFailure();
        return;
      }
      frame.data = toArrayBuffer(plain);
      controller.enqueue(frame);
    },
  });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
    return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}
