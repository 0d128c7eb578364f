import type http from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RefusedToken, type JoinTokens } from '../auth/join-tokens';
import { turnCredentials, type TurnSettings } from '../auth/turn-credentials';
import { MediaError } from '../errors';
import type { Participant, SignalChannel } from '../sfu/participant';
import type { Rooms } from '../sfu/rooms';
import {
  CLOSE_CODES,
  clientMessageSchema,
  type ClientMessage,
  type CloseReason,
  type ErrorCode,
  type JoinMessage,
  type ServerMessage,
} from './protocol';

export const SIGNALLING_PATH = '/signal';
/** A socket that has not sent a valid `join` this long after opening is closed. */
export const JOIN_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 15_000;
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface SignallingDeps {
  rooms: Rooms;
  tokens: JoinTokens;
  turn: TurnSettings | null;
  /** Browser origins allowed to open the socket; requests without Origin (not a browser) pass. */
  allowedOrigins: readonly string[];
  logger: Logger;
  now(): number;
}

/** Attaches the signalling WebSocket (`/signal`) to an HTTP server. */
export function attachSignalling(server: http.Server, deps: SignallingDeps): WebSocketServer {
  const wss = new WebSocketServer({
    server,
    path: SIGNALLING_PATH,
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ origin }: { origin?: string }) => !origin || deps.allowedOrigins.includes(origin),
  });
  wss.on('connection', (socket) => new SignallingSession(socket, deps));
  return wss;
}

/**
 * One browser's signalling socket: waits for `join`, redeems the token, puts the
 * participant into its room, then relays answers and candidates. Closing the socket
 * is hanging up.
 */
class SignallingSession implements SignalChannel {
  private participant: Participant | null = null;
  private joining = false;
  private readonly joinTimer: NodeJS.Timeout;
  private readonly pingTimer: NodeJS.Timeout;
  private alive = true;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SignallingDeps,
  ) {
    this.joinTimer = setTimeout(() => this.refuse('TIMEOUT', 'No join message in time.'), JOIN_TIMEOUT_MS);
    this.pingTimer = setInterval(() => {
      if (!this.alive) {
        socket.terminate();
        return;
      }
      this.alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.closed());
    socket.on('error', (error) => deps.logger.debug({ err: error }, 'signalling socket error'));
  }

  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(reason: CloseReason): void {
    this.participant = null;
    this.send({ type: 'closed', reason });
    this.socket.close(CLOSE_CODES.closed, reason);
  }

  private receive(data: RawData, isBinary: boolean): void {
    let message: ClientMessage;
    try {
      if (isBinary) throw new Error('binary');
      message = clientMessageSchema.parse(JSON.parse(data.toString()));
    } catch {
      this.refuse('BAD_MESSAGE', 'Not a valid signalling message.');
      return;
    }
    if (message.type === 'join') {
      if (this.participant || this.joining) this.refuse('BAD_MESSAGE', 'Already joined.');
      else this.join(message);
      return;
    }
    const participant = this.participant;
    if (!participant) {
      this.refuse('BAD_MESSAGE', 'Join first.');
      return;
    }
    switch (message.type) {
      case 'answer':
        void participant.handleAnswer(message.sdp);
        break;
      case 'candidate':
        void participant.addCandidate(message.candidate);
        break;
      case 'leave':
        participant.close('left');
        break;
    }
  }

  private join(message: JoinMessage): void {
    this.joining = true;
    clearTimeout(this.joinTimer);
    let participantId: string;
    try {
      participantId = this.deps.tokens.redeem(message.token, message.roomId);
      const room = this.deps.rooms.get(message.roomId);
      const peers = [...room.participants.keys()].filter((id) => id !== participantId);
      this.participant = room.join(participantId, message.publish, this);
      this.send({
        type: 'joined',
        roomId: room.id,
        participantId,
        peers,
        iceServers: this.deps.turn ? [turnCredentials(this.deps.turn, this.deps.now())] : [],
      });
      void this.participant.negotiate();
    } catch (error) {
      if (error instanceof RefusedToken) {
        this.deps.logger.warn({ roomId: message.roomId, reason: error.reason }, 'join token refused');
      }
      if (error instanceof MediaError) {
        this.refuse(error.code as ErrorCode, error.message);
        return;
      }
      this.deps.logger.error({ err: error, roomId: message.roomId }, 'join failed');
      this.refuse('BAD_MESSAGE', 'Could not join.');
    }
  }

  private refuse(code: ErrorCode, message: string): void {
    this.send({ type: 'error', code, message });
    const closeCode =
      code in CLOSE_CODES ? CLOSE_CODES[code as keyof typeof CLOSE_CODES] : CLOSE_CODES.closed;
    const participant = this.participant;
    this.participant = null;
    this.socket.close(closeCode, code);
    participant?.close('error');
  }

  private closed(): void {
    clearTimeout(this.joinTimer);
    clearInterval(this.pingTimer);
    const participant = this.participant;
    this.participant = null;
    participant?.close('left');
  }
}
