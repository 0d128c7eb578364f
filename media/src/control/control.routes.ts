import http from 'node:http';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { JoinTokens } from '../auth/join-tokens';
import { secretMatches } from '../auth/secret';
import {
  InvalidRequestError,
  MediaError,
  NotFoundError,
  PayloadTooLargeError,
  RoomFullError,
  UnauthorizedError,
} from '../errors';
import type { CpuMonitor } from '../observability/cpu';
import type { Room } from '../sfu/room';
import type { Rooms } from '../sfu/rooms';
import { createRoomSchema, issueTokenSchema } from './control.schema';

/** Header the main server sends the shared secret in. */
export const SECRET_HEADER = 'x-media-secret';
const MAX_BODY_BYTES = 16 * 1024;

export interface ControlDeps {
  secret: string;
  rooms: Rooms;
  tokens: JoinTokens;
  cpu: CpuMonitor;
  logger: Logger;
  tokenTtlSeconds: number;
  /** Where browsers open the signalling WebSocket (known once the server listens). */
  signallingUrl(): string;
  startedAt: number;
}

type Reply = { status: number; body?: unknown };

/**
 * The control API for the main server (loopback or internal network only), JSON over
 * HTTP, every route but `/healthz` behind the shared secret in `X-Media-Secret`:
 *
 * - `POST /rooms` `{ roomId?, maxParticipants? }` → 201 `{ roomId, maxParticipants }`
 * - `GET /rooms/:roomId` → 200 room with its participants
 * - `POST /rooms/:roomId/tokens` `{ participantId, ttlSeconds? }` → 201 `{ token, expiresAt, … }`
 * - `DELETE /rooms/:roomId` → 204, ends the call for everyone in it
 * - `GET /stats` → 200 rooms, participants, forwarded packets/bytes, CPU, memory
 *
 * Errors are `{ error: { code, message } }`.
 */
export function createControlServer(deps: ControlDeps): http.Server {
  return http.createServer((req, res) => {
    handle(req, deps).then(
      (reply) => send(res, reply),
      (error: unknown) => {
        if (error instanceof MediaError) {
          send(res, { status: error.status, body: { error: { code: error.code, message: error.message } } });
          return;
        }
        deps.logger.error({ err: error, method: req.method }, 'control request failed');
        send(res, { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error.' } } });
      },
    );
  });
}

async function handle(req: http.IncomingMessage, deps: ControlDeps): Promise<Reply> {
  const { pathname } = new URL(req.url ?? '/', 'http://control');
  const method = req.method ?? 'GET';
  if (method === 'GET' && pathname === '/healthz') return { status: 200, body: { status: 'ok' } };

  const presented = req.headers[SECRET_HEADER];
  if (!secretMatches(Array.isArray(presented) ? undefined : presented, deps.secret)) {
    throw new UnauthorizedError();
  }

  if (pathname === '/stats' && method === 'GET') return { status: 200, body: stats(deps) };
  if (pathname === '/rooms' && method === 'POST') {
    const input = parse(createRoomSchema, await readJson(req));
    const room = deps.rooms.create(input.roomId, input.maxParticipants);
    return { status: 201, body: { roomId: room.id, maxParticipants: room.maxParticipants } };
  }
  const roomMatch = /^\/rooms\/([A-Za-z0-9_-]{1,64})(\/tokens)?$/.exec(pathname);
  if (roomMatch) {
    const roomId = roomMatch[1]!;
    if (roomMatch[2]) {
      if (method !== 'POST') throw new NotFoundError();
      const input = parse(issueTokenSchema, await readJson(req));
      const room = deps.rooms.get(roomId);
      if (!room.hasPlaceFor(input.participantId)) throw new RoomFullError();
      const issued = deps.tokens.issue(roomId, input.participantId, input.ttlSeconds ?? deps.tokenTtlSeconds);
      return {
        status: 201,
        body: {
          roomId,
          participantId: input.participantId,
          token: issued.token,
          expiresAt: issued.expiresAt.toISOString(),
          signallingUrl: deps.signallingUrl(),
        },
      };
    }
    if (method === 'GET') return { status: 200, body: describeRoom(deps.rooms.get(roomId)) };
    if (method === 'DELETE') {
      deps.rooms.close(roomId);
      return { status: 204 };
    }
  }
  throw new NotFoundError();
}

function describeRoom(room: Room) {
  return {
    roomId: room.id,
    maxParticipants: room.maxParticipants,
    createdAt: room.createdAt.toISOString(),
    participants: [...room.participants.values()].map((p) => ({
      participantId: p.id,
      connectionState: p.pc.connectionState,
      publishing: [...p.publishers.keys()],
      subscriptions: p.subscriptionList.length,
    })),
    ...room.counters.snapshot(),
  };
}

function stats(deps: ControlDeps) {
  const rooms = deps.rooms.list();
  const participants = rooms.flatMap((room) => [...room.participants.values()]);
  const memory = process.memoryUsage();
  return {
    rooms: rooms.length,
    participants: participants.length,
    connectedParticipants: participants.filter((p) => p.connected).length,
    subscriptions: participants.reduce((sum, p) => sum + p.subscriptionList.length, 0),
    ...deps.rooms.counters.snapshot(),
    cpu: deps.cpu.snapshot(),
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidRequestError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  return parsed.data;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new InvalidRequestError('body: not valid JSON');
  }
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(body);
}
