import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@beratung/shared';
import type { Db } from '../db/database';
import { loadSession } from '../accounts/sessions';
import { readSessionToken, type CookieSettings } from '../http/session-middleware';

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface RealtimeOptions {
  db: Db;
  cookies: CookieSettings;
  allowedOrigins: string[];
  logger: Logger;
  /** A connected `redis` client: set for several server processes (Redis Streams adapter). */
  redisClient?: unknown;
}

/**
 * Socket.IO, authenticated by the same session cookie as the REST API. Handshakes
 * from a foreign Origin are refused before any event handler runs.
 */
export function createRealtimeServer(httpServer: HttpServer, options: RealtimeOptions): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: options.allowedOrigins, credentials: true },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || options.allowedOrigins.includes(origin));
    },
    // No connectionStateRecovery: it keeps a copy of every broadcast packet for its whole
    // window, which under chat load grew the live heap by 40 MB in 40 s and made full
    // garbage collections frequent. Reconnecting clients catch up themselves (ADR 0009).
    ...(options.redisClient
      ? { adapter: createAdapter(options.redisClient as Parameters<typeof createAdapter>[0]) }
      : {}),
  });

  io.use(sessionAuthenticator(options));

  io.on('connection', (socket) => {
    void socket.join(`account:${socket.data.accountId}`);
    socket.emit('session:ready', { accountId: socket.data.accountId });
  });

  return io;
}

/**
 * Socket.IO middleware: the handshake must carry a complete session cookie; the
 * account is stored in `socket.data`. Shared by every namespace.
 */
export function sessionAuthenticator(options: Pick<RealtimeOptions, 'db' | 'cookies' | 'logger'>) {
  return async (
    socket: { handshake: { headers: { cookie?: string } }; data: Partial<SocketData> },
    next: (error?: Error) => void,
  ): Promise<void> => {
    try {
      const token = readSessionToken(socket.handshake.headers.cookie, options.cookies);
      const auth = token ? await loadSession(options.db, token) : undefined;
      if (!auth || auth.stage !== 'full') return next(new Error('UNAUTHENTICATED'));
      socket.data.accountId = auth.account.id;
      socket.data.kind = auth.account.kind;
      next();
    } catch (error) {
      options.logger.error({ err: error }, 'socket authentication failed');
      next(new Error('INTERNAL'));
    }
  };
}

/** Tells every socket of an account that its session(s) ended, and disconnects them. */
export function endAccountSockets(io: RealtimeServer, accountId: string, reason: 'logout' | 'expired'): void {
  io.to(`account:${accountId}`).emit('session:ended', { reason });
  io.in(`account:${accountId}`).disconnectSockets(true);
  io.of('/chat').in(`account:${accountId}`).disconnectSockets(true);
}
