import { readCallStats, type CallStats } from './call-stats';
import { createFrameTransforms, type FrameTransforms, type TransformMode } from './frame-transforms';
import {
  SignallingClient,
  errorOfCloseCode,
  type MediaKind,
  type ServerMessage,
  type SfuErrorCode,
} from './signalling-client';

export type CallPhase = 'connecting' | 'connected' | 'ended';
export type CallEndCause =
  'left' | 'room-closed' | 'replaced' | 'connection-failed' | 'timeout' | 'error' | 'refused';

export interface CallSessionOptions {
  signallingUrl: string;
  roomId: string;
  token: string;
  /** video: camera + microphone; audio: microphone only. */
  kind: 'audio' | 'video';
  /** From deriveCallMediaKey: every frame is encrypted with it. */
  mediaKey: Uint8Array;
  /** Default: navigator.mediaDevices.getUserMedia. */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** Which encoded-transform API to use; default: the script transform where there is one. */
  transformMode?: TransformMode;
}

export type CallErrorCode =
  SfuErrorCode | 'MEDIA_DENIED' | 'E2EE_UNSUPPORTED' | 'CONNECTION_FAILED' | 'ENDED';

/** Why a call could not start: `code` is the SFU's error code or one of the browser's own. */
export class CallError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CallError';
  }
}

export type { CallStats } from './call-stats';
export type { TransformMode } from './frame-transforms';

/** The SFU answers a join at once; this covers a slow network, not a silent server. */
const JOIN_TIMEOUT_MS = 15_000;
/** The SFU gives up on an unconnected transport after 20 s; so do we, a little later. */
const CONNECT_TIMEOUT_MS = 25_000;

const CONSTRAINTS: Record<'audio' | 'video', MediaStreamConstraints> = {
  audio: { audio: { echoCancellation: true, noiseSuppression: true }, video: false },
  video: {
    audio: { echoCancellation: true, noiseSuppression: true },
    video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } },
  },
};

function causeOfError(code: SfuErrorCode): CallEndCause {
  if (code === 'TIMEOUT') return 'timeout';
  if (code === 'BAD_MESSAGE') return 'error';
  return 'refused';
}

interface PhaseListener {
  (phase: CallPhase, cause?: CallEndCause): void;
}
interface TrackListener {
  (track: MediaStreamTrack): void;
}

/**
 * One participation in a call through the SFU, end-to-end encrypted: every outgoing
 * encoded frame is encrypted with the call media key before it leaves the browser and
 * every incoming one decrypted (or dropped) before the decoder; the SFU only forwards.
 */
export class CallSession {
  readonly localStream: MediaStream;
  readonly remoteStream = new MediaStream();
  private currentPhase: CallPhase = 'connecting';
  private readonly phaseListeners = new Set<PhaseListener>();
  private readonly trackListeners = new Set<TrackListener>();
  private readonly signalling: SignallingClient;
  private pc: RTCPeerConnection | null = null;
  private readonly transformed = new WeakSet<RTCRtpTransceiver>();
  private chain: Promise<void> = Promise.resolve();
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private joinWaiter: { resolve(): void; reject(error: CallError): void } | null = null;
  private lastStats: CallStats | null = null;

  /**
   * Gets the microphone (and camera), then joins the room. Resolves once the SFU has
   * said `joined`; rejects with a CallError (the SFU's code, or MEDIA_DENIED,
   * E2EE_UNSUPPORTED, CONNECTION_FAILED). The media comes before the socket so a denied
   * camera does not use up the single-use token.
   */
  static async start(options: CallSessionOptions): Promise<CallSession> {
    const getUserMedia =
      options.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
    let localStream: MediaStream;
    try {
      localStream = await getUserMedia(CONSTRAINTS[options.kind]);
    } catch (error) {
      throw new CallError('MEDIA_DENIED', 'No access to the microphone or camera.', { cause: error });
    }
    let transforms: FrameTransforms;
    try {
      transforms = await createFrameTransforms(options.mediaKey, options.transformMode);
    } catch (error) {
      for (const track of localStream.getTracks()) track.stop();
      throw new CallError('E2EE_UNSUPPORTED', 'Call media cannot be encrypted in this browser.', {
        cause: error,
      });
    }
    const session = new CallSession(options, localStream, transforms);
    await session.joined();
    return session;
  }

  private constructor(
    private readonly options: CallSessionOptions,
    localStream: MediaStream,
    private readonly transforms: FrameTransforms,
  ) {
    this.localStream = localStream;
    this.signalling = new SignallingClient(options.signallingUrl, {
      message: (message) => this.receive(message),
      closed: (code) => this.socketClosed(code),
    });
  }

  get phase(): CallPhase {
    return this.currentPhase;
  }

  /** Which encoded-transform API encrypts this call's media. */
  get transformMode(): TransformMode {
    return this.transforms.mode;
  }

  on(event: 'phase', listener: PhaseListener): () => void;
  on(event: 'remote-track', listener: TrackListener): () => void;
  on(event: 'phase' | 'remote-track', listener: PhaseListener | TrackListener): () => void {
    const listeners = (event === 'phase' ? this.phaseListeners : this.trackListeners) as Set<typeof listener>;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Muting keeps the track flowing (silence, still encrypted); the SFU keeps forwarding. */
  setMicrophoneEnabled(enabled: boolean): void {
    for (const track of this.localStream.getAudioTracks()) track.enabled = enabled;
  }

  /** A disabled camera sends black frames, encrypted like any other. */
  setCameraEnabled(enabled: boolean): void {
    for (const track of this.localStream.getVideoTracks()) track.enabled = enabled;
  }

  hangUp(): void {
    this.end('left');
  }

  async stats(): Promise<CallStats> {
    const pc = this.pc;
    const empty: CallStats = {
      framesDecoded: 0,
      audioPacketsReceived: 0,
      videoPacketsReceived: 0,
      decryptFailures: 0,
      selectedPair: null,
    };
    if (!pc || this.currentPhase === 'ended') return this.lastStats ?? empty;
    const stats = await readCallStats(pc, await this.transforms.decryptFailures());
    this.lastStats = stats;
    return stats;
  }

  private joined(): Promise<void> {
    const waiting = new Promise<void>((resolve, reject) => {
      this.joinWaiter = { resolve, reject };
    });
    const timer = setTimeout(
      () => this.refuseJoin(new CallError('TIMEOUT', 'The media service did not answer the join.')),
      JOIN_TIMEOUT_MS,
    );
    this.signalling.opened().then(
      () =>
        this.signalling.send({
          type: 'join',
          roomId: this.options.roomId,
          token: this.options.token,
          publish: this.options.kind === 'video' ? ['audio', 'video'] : ['audio'],
        }),
      // socketClosed() reports it.
      () => undefined,
    );
    return waiting.finally(() => clearTimeout(timer));
  }

  /** Before `joined`: start() fails and everything is released, without phase events. */
  private refuseJoin(error: CallError): void {
    const waiter = this.joinWaiter;
    if (!waiter) return;
    this.joinWaiter = null;
    this.release();
    this.currentPhase = 'ended';
    waiter.reject(error);
  }

  private receive(message: ServerMessage): void {
    if (this.currentPhase === 'ended') return;
    if (message.type === 'error') {
      if (this.joinWaiter) this.refuseJoin(new CallError(message.code, message.message));
      else this.end(causeOfError(message.code));
      return;
    }
    if (message.type === 'closed') {
      if (this.joinWaiter) this.refuseJoin(new CallError('ENDED', `The call ended: ${message.reason}.`));
      else this.end(message.reason);
      return;
    }
    if (message.type === 'joined') {
      this.createPeerConnection(message.iceServers);
      const waiter = this.joinWaiter;
      this.joinWaiter = null;
      waiter?.resolve();
      return;
    }
    if (message.type === 'offer') {
      // One negotiation at a time, in the order the SFU sent them.
      this.chain = this.chain
        .then(() => this.answer(message))
        .catch(() => {
          this.end('error');
        });
    }
    // peer-joined / peer-left: the offer that follows carries the change.
  }

  private socketClosed(code: number): void {
    if (this.joinWaiter) {
      const refused = errorOfCloseCode(code);
      this.refuseJoin(
        refused
          ? new CallError(refused, 'The media service refused the join.')
          : new CallError('CONNECTION_FAILED', 'The media service cannot be reached.'),
      );
      return;
    }
    // A refusal's `error` message or `closed` came first and ended the call already.
    this.end('connection-failed');
  }

  private createPeerConnection(iceServers: RTCIceServer[]): void {
    const pc = new RTCPeerConnection({ iceServers, ...this.transforms.rtcConfiguration });
    this.pc = pc;
    pc.addEventListener('icecandidate', ({ candidate }) =>
      this.signalling.send({
        type: 'candidate',
        candidate: candidate
          ? {
              candidate: candidate.candidate,
              sdpMid: candidate.sdpMid,
              sdpMLineIndex: candidate.sdpMLineIndex,
            }
          : null,
      }),
    );
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') {
        clearTimeout(this.connectTimer);
        this.setPhase('connected');
      } else if (pc.connectionState === 'failed') {
        this.end('connection-failed');
      }
    });
    this.connectTimer = setTimeout(() => {
      if (this.currentPhase === 'connecting') this.end('connection-failed');
    }, CONNECT_TIMEOUT_MS);
  }

  private async answer(offer: Extract<ServerMessage, { type: 'offer' }>): Promise<void> {
    const pc = this.pc;
    if (!pc || this.currentPhase === 'ended') return;
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    // Transforms go on before any frame can flow (and createEncodedStreams() must be early).
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.mid === null || this.transformed.has(transceiver)) continue;
      this.transformed.add(transceiver);
      const kind = transceiver.receiver.track.kind as MediaKind;
      this.transforms.attachSender(transceiver.sender, kind);
      this.transforms.attachReceiver(transceiver.receiver, kind);
    }
    for (const slot of offer.publish) {
      const transceiver = pc.getTransceivers().find((t) => t.mid === slot.mid);
      if (!transceiver || transceiver.sender.track) continue;
      const track = this.localStream.getTracks().find((t) => t.kind === slot.kind);
      if (!track) continue;
      transceiver.direction = 'sendonly';
      await transceiver.sender.replaceTrack(track);
    }
    this.syncRemoteTracks(pc, offer.tracks);
    await pc.setLocalDescription(await pc.createAnswer());
    // Hung up meanwhile: the socket is closed already, nothing to answer.
    if (pc.signalingState === 'closed' || !pc.localDescription) return;
    this.signalling.send({ type: 'answer', sdp: pc.localDescription.sdp });
  }

  /** remoteStream holds exactly the tracks the latest offer names (others have left). */
  private syncRemoteTracks(pc: RTCPeerConnection, tracks: { mid: string }[]): void {
    const wanted = new Set<MediaStreamTrack>();
    for (const { mid } of tracks) {
      const transceiver = pc.getTransceivers().find((t) => t.mid === mid);
      if (transceiver) wanted.add(transceiver.receiver.track);
    }
    for (const track of this.remoteStream.getTracks()) {
      if (!wanted.has(track)) this.remoteStream.removeTrack(track);
    }
    for (const track of wanted) {
      if (this.remoteStream.getTrackById(track.id)) continue;
      this.remoteStream.addTrack(track);
      for (const listener of this.trackListeners) listener(track);
    }
  }

  private setPhase(phase: CallPhase, cause?: CallEndCause): void {
    if (this.currentPhase === phase || this.currentPhase === 'ended') return;
    this.currentPhase = phase;
    for (const listener of this.phaseListeners) listener(phase, cause);
  }

  private end(cause: CallEndCause): void {
    if (this.currentPhase === 'ended') return;
    if (cause === 'left') this.signalling.send({ type: 'leave' });
    this.release();
    this.setPhase('ended', cause);
  }

  private release(): void {
    clearTimeout(this.connectTimer);
    this.signalling.close();
    this.pc?.close();
    this.transforms.close();
    for (const track of this.localStream.getTracks()) track.stop();
  }
}
