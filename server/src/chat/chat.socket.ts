import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  receiptSchema,
  sendMessageSchema,
  typingSchema,
  type Ack,
  type ChatClientEvents,
  type ChatServerEvents,
  type SocketData,
} from '@beratung/shared';
import type { Db } from '../db/database';
import { AppError, zodDetails } from '../http/errors';
import type { RealtimeServer } from '../realtime/socket';
import type { ChatNotifier, ChatService } from './chat.service';

type ChatNamespace = Namespace<ChatClientEvents, ChatServerEvents, Record<string, never>, SocketData>;
type ChatSocket = Socket<ChatClientEvents, ChatServerEvents, Record<string, never>, SocketData>;

export const CHAT_NAMESPACE = '/chat';
const accountRoom = (accountId: string) => `account:${accountId}`;
const queueRoom = (centerId: string) => `queue:${centerId}`;

/**
 * Emits to rooms of the chat namespace. With the Redis Streams adapter a room spans
 * every server process, so a seeker on one process reaches a counselor on another.
 * The server is looked up late: routes are built before the Socket.IO server exists.
 */
export function createChatNotifier(io: () => RealtimeServer | undefined): ChatNotifier {
  const chat = () => io()?.of(CHAT_NAMESPACE) as ChatNamespace | undefined;
  /** The rooms of these accounts (and of nobody when there is none), but not the socket given. */
  const accounts = (accountIds: Array<string | null>, except: string[] = []) => {
    const rooms = [...new Set(accountIds.filter((id): id is string => Boolean(id)))].map(accountRoom);
    return rooms.length > 0 ? chat()?.to(rooms).except(except) : undefined;
  };
  return {
    toAccounts(accountIds, event, ...args) {
      accounts(accountIds)?.emit(event, ...args);
    },
    toAccountsExcept(socketId, accountIds, event, ...args) {
      accounts(accountIds, socketId ? [socketId] : [])?.emit(event, ...args);
    },
    toQueue(centerId, event, ...args) {
      chat()
        ?.to(queueRoom(centerId))
        .emit(event, ...args);
    },
    leaveQueue(accountId, centerId) {
      chat()?.in(accountRoom(accountId)).socketsLeave(queueRoom(centerId));
    },
    keysChanged(centerId) {
      chat()?.to(queueRoom(centerId)).emit('keys:changed', { centerId });
    },
  };
}

/** The error a refused event reports: AppErrors keep their code; anything else is INTERNAL. */
function failure(
  error: unknown,
  logger: Logger,
  event: string,
): { code: string; message: string; status: number } {
  if (error instanceof AppError) return { code: error.code, message: error.message, status: error.status };
  logger.error({ err: error, event }, 'chat event failed');
  return { code: 'INTERNAL', message: 'Something went wrong; please try again', status: 500 };
}

function parse<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw new AppError(422, 'VALIDATION_FAILED', details.map((d) => `${d.path}: ${d.message}`).join('; '));
  }
  return result.data;
}

/**
 * The `/chat` namespace: authenticated by the session (same middleware as the default
 * namespace); each socket joins its account's room and, for staff, the queues of its
 * centers. Every event goes through ChatService, which checks the caller's part in
 * the conversation; a refused event is answered with an error, never a disconnect.
 */
export function attachChatNamespace(
  io: RealtimeServer,
  deps: {
    chat: ChatService;
    db: Db;
    logger: Logger;
    authenticate: Parameters<ChatNamespace['use']>[0];
  },
): ChatNamespace {
  const namespace = io.of(CHAT_NAMESPACE) as unknown as ChatNamespace;
  namespace.use(deps.authenticate);

  namespace.on('connection', async (socket: ChatSocket) => {
    const { accountId, kind } = socket.data;
    const refuse = (event: string, error: unknown, ack?: Ack<never>) => {
      const problem = failure(error, deps.logger, event);
      if (typeof ack === 'function') ack({ ok: false, error: problem });
      else socket.emit('chat:error', { event, ...problem });
    };

    socket.on('chat:send', async (payload, ack) => {
      try {
        const input = parse(sendMessageSchema, payload);
        const { conversationId, ...message } = input;
        const result = await deps.chat.send(accountId, conversationId, message, socket.id);
        if (typeof ack === 'function') ack({ ok: true, message: result.message });
      } catch (error) {
        refuse('chat:send', error, ack as Ack<never>);
      }
    });

    socket.on('chat:typing', async (payload) => {
      try {
        const input = parse(typingSchema, payload);
        await deps.chat.typing(accountId, input.conversationId, input.typing);
      } catch (error) {
        refuse('chat:typing', error);
      }
    });

    socket.on('chat:receipt', async (payload, ack) => {
      try {
        const input = parse(receiptSchema, payload);
        await deps.chat.receipt(accountId, input);
        if (typeof ack === 'function') ack({ ok: true });
      } catch (error) {
        refuse('chat:receipt', error, ack as Ack<never> | undefined);
      }
    });

    // Handlers first, rooms after: the client emits as soon as it sees the connect (a
    // reconnecting client flushes its buffered sends at once), and an event arriving
    // while the lookup below is awaited would find no handler and be dropped.
    const rooms = [accountRoom(accountId)];
    if (kind === 'staff') {
      const memberships = await deps.db
        .selectFrom('memberships')
        .select('center_id')
        .where('account_id', '=', accountId)
        .execute();
      rooms.push(...memberships.map((m) => queueRoom(m.center_id)));
      await socket.join(rooms);
      // A member coming online may be the one who can hand on (or needs) the team key.
      for (const { center_id } of memberships)
        namespace.to(queueRoom(center_id)).emit('keys:changed', { centerId: center_id });
    } else {
      await socket.join(rooms);
    }

    socket.emit('chat:ready', { accountId });
  });
  return namespace;
}
