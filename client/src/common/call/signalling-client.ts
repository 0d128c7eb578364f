/**
 * The browser side of the media service's signalling socket. The message shapes mirror
 * media/src/signalling/protocol.ts (the apps do not import the media workspace): the SFU
 * makes every offer, the browser answers and trickles its candidates.
 */
export type MediaKind = 'audio' | 'video';

export type SfuErrorCode =
  'TOKEN_REFUSED' | 'ROOM_NOT_FOUND' | 'ROOM_FULL' | 'ROOM_CLOSED' | 'BAD_MESSAGE' | 'TIMEOUT';

export type SfuCloseReason = 'room-closed' | 'replaced' | 'left' | 'connection-failed' | 'timeout' | 'error';

export interface IceServer {
  urls: string[];
  username: string;
  credential: string;
}

export type ClientMessage =
  | { type: 'join'; roomId: string; token: string; publish: MediaKind[] }
  | { type: 'answer'; sdp: string }
  | {
      type: 'candidate';
      candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null;
    }
  | { type: 'leave' };

export type ServerMessage =
  | { type: 'joined'; roomId: string; participantId: string; peers: string[]; iceServers: IceServer[] }
  | {
      type: 'offer';
      sdp: string;
      publish: { mid: string; kind: MediaKind }[];
      tracks: { mid: string; participantId: string; kind: MediaKind }[];
    }
  | { type: 'peer-joined'; participantId: string }
  | { type: 'peer-left'; participantId: string }
  | { type: 'error'; code: SfuErrorCode; message: string }
  | { type: 'closed'; reason: SfuCloseReason };

/** WebSocket close codes of the SFU (protocol.ts CLOSE_CODES), for a refusal whose message got lost. */
const CLOSE_CODE_ERRORS: Record<number, SfuErrorCode> = {
  4400: 'BAD_MESSAGE',
  4401: 'TOKEN_REFUSED',
  4404: 'ROOM_NOT_FOUND',
  4408: 'TIMEOUT',
  4409: 'ROOM_FULL',
  4410: 'ROOM_CLOSED',
};

export function errorOfCloseCode(code: number): SfuErrorCode | undefined {
  return CLOSE_CODE_ERRORS[code];
}

const SERVER_TYPES = new Set<string>(['joined', 'offer', 'peer-joined', 'peer-left', 'error', 'closed']);

export interface SignallingHandlers {
  message(message: ServerMessage): void;
  /** The socket is gone (whoever closed it); not called after close(). */
  closed(code: number): void;
}

/** One signalling socket. Messages that are not JSON of a known type are ignored. */
export class SignallingClient {
  private readonly socket: WebSocket;
  private closedByUs = false;

  constructor(url: string, handlers: SignallingHandlers) {
    this.socket = new WebSocket(url);
    this.socket.addEventListener('message', ({ data }: MessageEvent<unknown>) => {
      if (typeof data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && SERVER_TYPES.has(type)) handlers.message(message as ServerMessage);
    });
    this.socket.addEventListener('close', ({ code }) => {
      if (!this.closedByUs) handlers.closed(code);
    });
  }

  /** Resolves once the socket is open; rejects if it closes first. */
  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('close', () => reject(new Error('The signalling socket closed')), {
        once: true,
      });
    });
  }

  send(message: ClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.closedByUs = true;
    this.socket.close(1000);
  }
}
