import type { ChatMessage, ConversationView, QueueItem } from './schemas/chat';
import type { CallView } from './schemas/calls';

/** The answer to an acknowledged event: the result, or an error with a code and a message. */
export type Ack<T = object> = (
  response: ({ ok: true } & T) | { ok: false; error: { code: string; message: string; status?: number } },
) => void;

/** A socket event that was refused (bad input, limits, no access); the connection stays. */
export interface SocketErrorEvent {
  event: string;
  code: string;
  message: string;
}

/**
 * The typed Socket.IO contract between server and apps (`domain:verb` names).
 * The default namespace carries session events; `/chat` carries the chat.
 */
export interface ServerToClientEvents {
  /** Sent on every (re)connect, so connection-state recovery always has an offset. */
  'session:ready': (payload: { accountId: string }) => void;
  /** The session ended (logout elsewhere, expiry): the app should return to login. */
  'session:ended': (payload: { reason: 'logout' | 'expired' }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export interface SocketData {
  accountId: string;
  kind: 'seeker' | 'staff';
}

/** `/chat` namespace: server → client. */
export interface ChatServerEvents {
  'chat:ready': (payload: { accountId: string }) => void;
  /** A stored message (also echoed to the sender's other devices). */
  'chat:message': (message: ChatMessage) => void;
  /** A conversation changed state (taken, handed over, archived, reopened, deleted). */
  'chat:conversation': (conversation: ConversationView | { id: string; deleted: true }) => void;
  'chat:typing': (payload: { conversationId: string; accountId: string; typing: boolean }) => void;
  'chat:receipt': (payload: {
    conversationId: string;
    accountId: string;
    deliveredSeq: number;
    readSeq: number;
  }) => void;
  /** Counselors: a new inquiry in a center queue they belong to. */
  'queue:added': (item: QueueItem) => void;
  /** Counselors: an inquiry left the queue (taken over, deleted). */
  'queue:removed': (payload: { centerId: string; conversationId: string; takenBy: string | null }) => void;
  /**
   * Staff: key material of a center changed (member joined or left, list signed, team
   * key published, grant made); the client checks whether it has keys to hand on.
   */
  'keys:changed': (payload: { centerId: string }) => void;
  /** A call of one of the account's conversations was proposed, accepted, declined or ended. */
  'call:updated': (call: CallView) => void;
  'chat:error': (payload: SocketErrorEvent) => void;
}

/** `/chat` namespace: client → server. */
export interface ChatClientEvents {
  'chat:send': (
    payload: {
      conversationId: string;
      clientMessageId: string;
      keyEpoch: number;
      nonce: string;
      ciphertext: string;
    },
    ack: Ack<{ message: ChatMessage }>,
  ) => void;
  'chat:typing': (payload: { conversationId: string; typing: boolean }) => void;
  'chat:receipt': (
    payload: { conversationId: string; deliveredSeq?: number; readSeq?: number },
    ack?: Ack,
  ) => void;
}
