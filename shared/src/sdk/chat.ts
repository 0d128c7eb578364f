import { io, type Socket } from 'socket.io-client';
import {
  decryptAttachment,
  detectAttachmentType,
  encryptAttachment,
  MAX_ATTACHMENT_BYTES,
} from '../crypto/attachment';
import {
  conversationKeyFingerprint,
  DecryptionError,
  decryptMessage,
  encryptMessage,
  generateConversationKey,
  MAX_MESSAGE_PLAINTEXT_BYTES,
} from '../crypto/conversation';
import type { Identity } from '../crypto/identity';
import { deriveCallMediaKey } from '../crypto/call-media';
import type { CallJoinInfo, CallKind, CallView } from '../schemas/calls';
import { openSealed, sealTo } from '../crypto/sealing';
import { getSodium, toBase64 } from '../crypto/sodium';
import type { VerifiedCenterKeys } from '../crypto/statements';
import type { ChatClientEvents, ChatServerEvents } from '../events';
import type {
  Absence,
  ChatSettings,
  ChatMessage,
  ConversationStatus,
  ConversationView,
  QueueItem,
} from '../schemas/chat';
import { ApiError, type ApiClient } from './http';

export type { ChatMessage, ConversationView, QueueItem } from '../schemas/chat';

/** A message as the reader sees it: decrypted text, or the reason it could not be read. */
export interface DecryptedMessage {
  conversationId: string;
  seq: number;
  kind: 'message' | 'system';
  senderId: string | null;
  clientMessageId: string | null;
  event: ChatMessage['event'];
  createdAt: string;
  text?: string;
  /** An encrypted file: name, type and size travel only inside the message. */
  attachment?: AttachmentRef;
  /** Set when the text could not be decrypted (altered, moved, or no key). */
  error?: 'DECRYPTION_FAILED' | 'NO_KEY';
}

export interface AttachmentRef {
  id: string;
  name: string;
  type: string;
  size: number;
}

/**
 * A message's plaintext is the text itself; an attachment reference is JSON behind a
 * prefix no one types (a NUL), so text keeps its full 8 KiB.
 */
const ATTACHMENT_PREFIX = '\u0000beratung-attachment:';

function readPlaintext(plaintext: string): { text?: string; attachment?: AttachmentRef } {
  if (!plaintext.startsWith(ATTACHMENT_PREFIX)) return { text: plaintext };
  try {
    const ref = JSON.parse(plaintext.slice(ATTACHMENT_PREFIX.length)) as AttachmentRef;
    if (typeof ref.id === 'string' && typeof ref.name === 'string' && typeof ref.size === 'number') {
      return { attachment: { id: ref.id, name: ref.name, type: String(ref.type), size: ref.size } };
    }
  } catch {
    // not an attachment after all
  }
  return { text: plaintext.slice(1) };
}

export class AttachmentRefusedError extends Error {
  constructor(
    readonly code: 'ATTACHMENT_TYPE' | 'ATTACHMENT_TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

export type DecryptedQueueItem = QueueItem & {
  firstText?: string;
  /** Set instead of `firstText` when the first message is a file. */
  firstAttachment?: AttachmentRef;
  error?: DecryptedMessage['error'];
};

/** A refused chat action: same shape as an API error, from an event acknowledgement. */
export class ChatError extends ApiError {}

export class MessageTooLongError extends Error {
  readonly code = 'MESSAGE_TOO_LONG';
  constructor(readonly bytes: number) {
    super(`A message may have at most ${MAX_MESSAGE_PLAINTEXT_BYTES} bytes; this one has ${bytes}`);
  }
}

type Listener<T> = (value: T) => void;

export interface ChatEventMap {
  message: DecryptedMessage;
  conversation: ConversationView | { id: string; deleted: true };
  typing: { conversationId: string; accountId: string; typing: boolean };
  receipt: { conversationId: string; accountId: string; deliveredSeq: number; readSeq: number };
  queueAdded: DecryptedQueueItem;
  queueRemoved: { centerId: string; conversationId: string; takenBy: string | null };
  error: { event: string; code: string; message: string };
  connection: { connected: boolean };
  /** Key work done for a center after the server said its keys changed. */
  keys: { centerId: string; rotated: boolean; memberListSigned: boolean; granted: number };
  /** A call of one of the conversations was proposed, accepted, declined or ended. */
  call: CallView;
}

const ACK_TIMEOUT_MS = 10_000;
/** How long a live message ahead of a gap waits for the missing ones before they are fetched. */
const GAP_GRACE_MS = 250;
/** A catch-up that failed (rate limit, network) is tried again after 1, 2, 4 … 30 s. */
const CATCH_UP_RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * The chat side of the SDK: end-to-end encryption on this side, Socket.IO for real
 * time, REST for the rest. Conversation keys are opened here and never leave this
 * object. Messages arrive once each, in order per conversation: after a reconnect
 * everything after the last sequence seen is fetched, and duplicates are dropped.
 */
export class ChatCalls {
  private socket: Socket<ChatServerEvents, ChatClientEvents> | undefined;
  /** conversation id → key epoch → conversation key */
  private readonly keys = new Map<string, Map<number, Uint8Array>>();
  /** center id → team key epoch → team key pair */
  private readonly teamKeys = new Map<
    string,
    Map<number, { publicKey: Uint8Array; secretKey: Uint8Array }>
  >();
  /** conversation id → highest sequence delivered to listeners */
  private readonly lastSeq = new Map<string, number>();
  /** conversation id → client message ids seen (a replayed copy is dropped) */
  private readonly seenClientIds = new Map<string, Set<string>>();
  private readonly listeners = new Map<keyof ChatEventMap, Set<Listener<never>>>();
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: ApiClient,
    private readonly identity: () => Identity | undefined,
    private readonly verifiedKeyChain: (centerId: string) => Promise<VerifiedCenterKeys | undefined>,
  ) {}

  private me(): Identity {
    const identity = this.identity();
    if (!identity) throw new Error('Keys are locked');
    return identity;
  }

  // --- events ---

  on<K extends keyof ChatEventMap>(event: K, listener: Listener<ChatEventMap[K]>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  private emit<K extends keyof ChatEventMap>(event: K, value: ChatEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<ChatEventMap[K]>)(value);
  }

  /**
   * Messages as an async iterator (optionally of one conversation). Ends when the
   * signal aborts.
   */
  async *messages(options: { conversationId?: string; signal?: AbortSignal } = {}) {
    const queue: DecryptedMessage[] = [];
    let wake: (() => void) | undefined;
    const off = this.on('message', (message) => {
      if (options.conversationId && message.conversationId !== options.conversationId) return;
      queue.push(message);
      wake?.();
    });
    const aborted = new Promise<void>((resolve) =>
      options.signal?.addEventListener('abort', () => resolve()),
    );
    try {
      while (!options.signal?.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      }
    } finally {
      off();
    }
  }

  // --- connection ---

  /** Opens the real-time connection (after login). Resolves once the server is ready. */
  connect(): Promise<void> {
    if (this.socket?.connected) return Promise.resolve();
    this.socket?.close();
    const socket: Socket<ChatServerEvents, ChatClientEvents> = io(`${this.api.base}/chat`, {
      transports: ['websocket'],
      withCredentials: true,
      extraHeaders: this.api.socketHeaders(),
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
    });
    this.socket = socket;
    socket.on('chat:ready', () => {
      this.emit('connection', { connected: true });
      // After a (re)connect: fetch what was stored while we were away.
      this.resync();
    });
    socket.on('disconnect', () => this.emit('connection', { connected: false }));
    socket.on('chat:message', (message) => this.enqueue(message));
    socket.on('chat:conversation', (conversation) => {
      if ('deleted' in conversation) this.views.delete(conversation.id);
      else this.remember(conversation);
      this.emit('conversation', conversation);
      // The counselor left: as the help seeker, renew the key before anything more is said.
      if (
        'needsRekey' in conversation &&
        conversation.needsRekey &&
        conversation.seekerId === this.currentAccountId?.()
      )
        void this.rekey(conversation.id).catch((error: Error) =>
          this.emit('error', {
            event: 'rekey',
            code: (error as ApiError).code ?? 'REKEY_FAILED',
            message: error.message,
          }),
        );
    });
    socket.on('chat:typing', (payload) => this.emit('typing', payload));
    socket.on('chat:receipt', (payload) => this.emit('receipt', payload));
    socket.on('chat:error', (payload) => this.emit('error', payload));
    socket.on('call:updated', (call) => this.emit('call', call));
    socket.on(
      'queue:added',
      (item) => void this.decryptQueueItem(item).then((d) => this.emit('queueAdded', d)),
    );
    socket.on('queue:removed', (payload) => this.emit('queueRemoved', payload));
    socket.on('keys:changed', ({ centerId }) => this.keysChanged(centerId));
    return new Promise((resolve, reject) => {
      socket.once('chat:ready', () => resolve());
      socket.once('connect_error', (error) => reject(new ChatError(401, error.message, error.message)));
    });
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  /** After logout: closes the connection and wipes every key and position held here. */
  reset(): void {
    this.disconnect();
    for (const byEpoch of this.keys.values()) for (const key of byEpoch.values()) key.fill(0);
    for (const byEpoch of this.teamKeys.values()) for (const pair of byEpoch.values()) pair.secretKey.fill(0);
    this.keys.clear();
    this.teamKeys.clear();
    this.lastSeq.clear();
    this.seenClientIds.clear();
    this.views.clear();
    for (const timer of this.deliveredTimers.values()) clearTimeout(timer);
    this.deliveredTimers.clear();
    for (const timer of [...this.gapTimers.values(), ...this.retryTimers.values()]) clearTimeout(timer);
    this.gapTimers.clear();
    this.retryTimers.clear();
    this.held.clear();
  }

  get connected(): boolean {
    return Boolean(this.socket?.connected);
  }

  /** Follow a conversation: later messages are delivered from `afterSeq` on. */
  track(conversationId: string, afterSeq = 0): void {
    if (!this.lastSeq.has(conversationId)) this.lastSeq.set(conversationId, afterSeq);
  }

  private resync(): void {
    this.syncing = this.syncing.then(async () => {
      for (const conversationId of [...this.lastSeq.keys()]) {
        try {
          await this.fetchMissing(conversationId, 0);
        } catch (error) {
          // A conversation deleted meanwhile is forgotten; anything else is tried again later.
          if (!(error instanceof ApiError && error.status === 404))
            this.emit('error', {
              event: 'sync',
              code: error instanceof ApiError ? error.code : 'SYNC_FAILED',
              message: (error as Error).message,
            });
        }
      }
    });
  }

  private async catchUp(conversationId: string, after: number): Promise<void> {
    let cursor = after;
    for (;;) {
      const page = await this.history(conversationId, { after: cursor, limit: 200 });
      for (const message of page.messages) this.deliver(message);
      if (!page.more || page.messages.length === 0) return;
      cursor = page.messages.at(-1)!.seq;
    }
  }

  /** conversation id → the chain that processes its incoming messages one after another */
  private readonly inbound = new Map<string, Promise<void>>();
  /** conversation id → live messages that arrived before the ones preceding them, by seq */
  private readonly held = new Map<string, Map<number, ChatMessage>>();
  private readonly gapTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** conversation id → the next try of a catch-up that failed */
  private readonly retryTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * Runs a task in a conversation's inbound chain: live messages are handled strictly
   * in arrival order, so one that arrives while the one before it is still being
   * decrypted is not mistaken for a gap; a failure is reported as an `error` event,
   * never thrown into the socket.
   */
  private inOrder(conversationId: string, event: string, task: () => Promise<void>): Promise<void> {
    const previous = this.inbound.get(conversationId) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) =>
      this.emit('error', {
        event,
        code: error instanceof ApiError ? error.code : 'RECEIVE_FAILED',
        message: (error as Error).message,
      }),
    );
    this.inbound.set(conversationId, next);
    void next.then(() => {
      if (this.inbound.get(conversationId) === next) this.inbound.delete(conversationId);
    });
    return next;
  }

  private enqueue(message: ChatMessage): void {
    this.inOrder(message.conversationId, 'chat:message', () => this.receive(message));
  }

  /** `decrypted`: the message is one's own, acknowledged (and so decrypted) just now. */
  private async receive(message: ChatMessage, decrypted?: DecryptedMessage): Promise<void> {
    const known = this.lastSeq.get(message.conversationId);
    if (known !== undefined && message.seq > known + 1) {
      this.hold(message);
      return;
    }
    try {
      decrypted ??= await this.decrypt(message);
    } catch (error) {
      // e.g. its key could not be fetched just now: fetched again later, not lost
      if (known !== undefined) this.scheduleCatchUp(message.conversationId, 0);
      throw error;
    }
    this.deliver(decrypted);
    await this.releaseHeld(message.conversationId);
  }

  /**
   * A message ahead of a gap. Usually the missing ones are on their way (two writes
   * committed close together can be announced in either order, and across server
   * processes more so): it waits a moment for them instead of fetching at once; if
   * they do not come (events lost while reconnecting), everything after the last
   * message seen is fetched in order.
   */
  private hold(message: ChatMessage): void {
    const { conversationId } = message;
    const held = this.held.get(conversationId) ?? new Map<number, ChatMessage>();
    this.held.set(conversationId, held);
    held.set(message.seq, message);
    if (this.gapTimers.has(conversationId)) return;
    this.gapTimers.set(
      conversationId,
      setTimeout(() => {
        this.gapTimers.delete(conversationId);
        this.inOrder(conversationId, 'sync', async () => {
          // the missing ones came in the meantime: nothing to fetch
          if (!this.held.delete(conversationId)) return;
          await this.fetchMissing(conversationId, 0);
        });
      }, GAP_GRACE_MS),
    );
  }

  /**
   * Fetches everything after the last message seen. When that fails (a rate limit, the
   * network), it is tried again later — the messages it stands for are never waiting on
   * a next message that may not come.
   */
  private async fetchMissing(conversationId: string, attempt: number): Promise<void> {
    const after = this.lastSeq.get(conversationId);
    if (after === undefined) return;
    try {
      await this.catchUp(conversationId, after);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.lastSeq.delete(conversationId);
      else this.scheduleCatchUp(conversationId, attempt);
      throw error;
    }
  }

  private scheduleCatchUp(conversationId: string, attempt: number): void {
    const delay = CATCH_UP_RETRY_MS[attempt];
    if (delay === undefined || this.retryTimers.has(conversationId)) return;
    this.retryTimers.set(
      conversationId,
      setTimeout(() => {
        this.retryTimers.delete(conversationId);
        this.inOrder(conversationId, 'sync', async () => {
          this.held.delete(conversationId);
          await this.fetchMissing(conversationId, attempt + 1);
        });
      }, delay),
    );
  }

  /** Delivers the held messages that no longer wait for anything. */
  private async releaseHeld(conversationId: string): Promise<void> {
    const held = this.held.get(conversationId);
    if (!held) return;
    for (;;) {
      const known = this.lastSeq.get(conversationId) ?? 0;
      for (const seq of held.keys()) if (seq <= known) held.delete(seq);
      const next = held.get(known + 1);
      if (!next) break;
      held.delete(next.seq);
      this.deliver(await this.decrypt(next));
    }
    if (held.size > 0) return;
    this.held.delete(conversationId);
    clearTimeout(this.gapTimers.get(conversationId));
    this.gapTimers.delete(conversationId);
  }

  /** Hands a message to listeners once: by server sequence, and by client message id. */
  private deliver(message: DecryptedMessage): void {
    const known = this.lastSeq.get(message.conversationId) ?? 0;
    if (message.seq <= known) return;
    this.lastSeq.set(message.conversationId, message.seq);
    if (message.clientMessageId && message.senderId) {
      const seen = this.seenClientIds.get(message.conversationId) ?? new Set<string>();
      this.seenClientIds.set(message.conversationId, seen);
      const id = `${message.senderId}:${message.clientMessageId}`;
      if (seen.has(id)) return;
      seen.add(id);
    }
    this.emit('message', message);
    if (message.kind === 'message' && message.senderId !== this.currentAccountId?.())
      this.acknowledge(message);
  }

  private readonly deliveredTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * Tells the server (and so the sender) that a message reached this device. Batched
   * per conversation; the server also uses it to mail only about replies nobody saw.
   */
  private acknowledge(message: DecryptedMessage): void {
    const { conversationId } = message;
    clearTimeout(this.deliveredTimers.get(conversationId));
    this.deliveredTimers.set(
      conversationId,
      setTimeout(() => {
        this.deliveredTimers.delete(conversationId);
        const deliveredSeq = this.lastSeq.get(conversationId) ?? message.seq;
        this.socket?.emit('chat:receipt', { conversationId, deliveredSeq });
      }, 100),
    );
  }

  // --- keys ---

  private async teamKeyPair(centerId: string, epoch: number) {
    let byEpoch = this.teamKeys.get(centerId);
    if (!byEpoch?.has(epoch)) {
      const identity = this.me();
      const grants = await this.api.get<Array<{ epoch: number; sealedKey: string }>>(
        `/api/centers/${centerId}/team-key-grants`,
      );
      const sodium = await getSodium();
      byEpoch = new Map();
      for (const grant of grants) {
        const secretKey = await openSealed(grant.sealedKey, identity.boxPublicKey, identity.boxSecretKey);
        byEpoch.set(grant.epoch, { secretKey, publicKey: sodium.crypto_scalarmult_base(secretKey) });
      }
      this.teamKeys.set(centerId, byEpoch);
    }
    const pair = byEpoch.get(epoch);
    if (!pair) throw new ChatError(403, 'NO_TEAM_KEY_GRANT', 'The team key has not been shared with you yet');
    return pair;
  }

  /** Opens the conversation keys a view carries (sealed to this account or to the team). */
  private async adoptKeys(view: ConversationView): Promise<void> {
    const byEpoch = this.keys.get(view.id) ?? new Map<number, Uint8Array>();
    this.keys.set(view.id, byEpoch);
    for (const sealed of view.sealedKeys) {
      if (byEpoch.has(sealed.keyEpoch)) continue;
      try {
        const recipient =
          sealed.teamEpoch !== null ? await this.teamKeyPair(view.centerId, sealed.teamEpoch) : undefined;
        const identity = this.me();
        byEpoch.set(
          sealed.keyEpoch,
          await openSealed(
            sealed.sealedKey,
            recipient?.publicKey ?? identity.boxPublicKey,
            recipient?.secretKey ?? identity.boxSecretKey,
          ),
        );
      } catch {
        // Not for this member (yet): another sealed copy may be, else the text shows NO_KEY.
      }
    }
  }

  /** conversation id → keys being loaded (concurrent decrypts share one fetch) */
  private readonly loadingKeys = new Map<string, Promise<void>>();

  private async key(conversationId: string, epoch: number): Promise<Uint8Array | undefined> {
    if (!this.keys.get(conversationId)?.has(epoch)) {
      let loading = this.loadingKeys.get(conversationId);
      if (!loading) {
        loading = this.conversation(conversationId)
          .then((view) => this.adoptKeys(view))
          .finally(() => this.loadingKeys.delete(conversationId));
        this.loadingKeys.set(conversationId, loading);
      }
      await loading;
    }
    return this.keys.get(conversationId)?.get(epoch);
  }

  private async decrypt(message: ChatMessage): Promise<DecryptedMessage> {
    const base: DecryptedMessage = {
      conversationId: message.conversationId,
      seq: message.seq,
      kind: message.kind,
      senderId: message.senderId,
      clientMessageId: message.clientMessageId,
      event: message.event,
      createdAt: message.createdAt,
    };
    if (message.kind === 'system') return base;
    const key = await this.key(message.conversationId, message.keyEpoch ?? 0).catch(() => undefined);
    if (!key) return { ...base, error: 'NO_KEY' };
    try {
      const text = await decryptMessage(
        key,
        {
          conversationId: message.conversationId,
          keyEpoch: message.keyEpoch!,
          senderId: message.senderId ?? '',
          clientMessageId: message.clientMessageId ?? '',
        },
        { nonce: message.nonce!, ciphertext: message.ciphertext! },
      );
      return { ...base, ...readPlaintext(text) };
    } catch {
      return { ...base, error: 'DECRYPTION_FAILED' };
    }
  }

  private async decryptQueueItem(item: QueueItem): Promise<DecryptedQueueItem> {
    try {
      await this.adoptKeys(item);
    } catch {
      return { ...item, error: 'NO_KEY' };
    }
    if (!item.firstMessage) return item;
    const first = await this.decrypt(item.firstMessage);
    return { ...item, firstText: first.text, firstAttachment: first.attachment, error: first.error };
  }

  /** Every epoch's conversation key, sealed to one box key (a new holder reads all history). */
  private async sealEveryEpoch(view: ConversationView, boxPublicKey: string) {
    const sealed = [];
    for (let epoch = 1; epoch <= view.keyEpoch; epoch++) {
      const key = await this.key(view.id, epoch);
      if (!key) throw new ChatError(403, 'NO_KEY', `The conversation key of epoch ${epoch} is not available`);
      sealed.push({ keyEpoch: epoch, sealedKey: await sealTo(boxPublicKey, key) });
    }
    return sealed;
  }

  private async encrypt(conversationId: string, keyEpoch: number, key: Uint8Array, text: string) {
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > MAX_MESSAGE_PLAINTEXT_BYTES) throw new MessageTooLongError(bytes);
    const clientMessageId = crypto.randomUUID();
    const sealed = await encryptMessage(
      key,
      { conversationId, keyEpoch, senderId: this.accountId(), clientMessageId },
      text,
    );
    return { clientMessageId, keyEpoch, ...sealed };
  }

  private accountId(): string {
    const id = this.currentAccountId?.();
    if (!id) throw new Error('Not logged in');
    return id;
  }

  /** Set by BeratungClient: the logged-in account's id (bound into every message). */
  currentAccountId: (() => string | undefined) | undefined;

  /** Set by BeratungClient: the key work for a center (see maintainTeamKeys). */
  onKeysChanged:
    | ((centerId: string) => Promise<{ rotated: boolean; memberListSigned: boolean; granted: number }>)
    | undefined;
  private readonly keyWork = new Map<string, Promise<void>>();

  /** Runs the key work for a center once at a time; a change meanwhile runs it again after. */
  private keysChanged(centerId: string): void {
    // New grants may have arrived for this account: read them again when needed.
    this.teamKeys.delete(centerId);
    const previous = this.keyWork.get(centerId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (!this.onKeysChanged || !this.identity()) return;
      try {
        this.emit('keys', { centerId, ...(await this.onKeysChanged(centerId)) });
      } catch (error) {
        this.emit('error', {
          event: 'keys:changed',
          code: error instanceof ApiError ? error.code : 'KEY_WORK_FAILED',
          message: (error as Error).message,
        });
      }
    });
    this.keyWork.set(centerId, next);
  }

  // --- help seekers ---

  /** The center a postal-code inquiry would go to. */
  route(topic: string, postalCode: string) {
    return this.api.get<{ centerId: string; centerName: string; fallback: boolean }>('/api/chat/route', {
      topic,
      postalCode,
    });
  }

  /**
   * Starts an inquiry. The center's team key is verified through the trust chain
   * first: if anything along the chain does not check out this throws and nothing is
   * sent.
   */
  async startInquiry(input: {
    topic: string;
    text: string;
    centerId?: string;
    postalCode?: string;
  }): Promise<ConversationView> {
    const identity = this.me();
    const centerId =
      input.centerId ??
      (input.postalCode ? (await this.route(input.topic, input.postalCode)).centerId : undefined);
    if (!centerId) throw new Error('Choose a center or give a postal code');
    const verified = await this.verifiedKeyChain(centerId);
    if (!verified)
      throw new ChatError(409, 'NO_TEAM_KEY', 'This center cannot receive encrypted inquiries yet');
    const sodium = await getSodium();
    const key = await generateConversationKey();
    const conversationId = crypto.randomUUID();
    const firstMessage = await this.encrypt(conversationId, 1, key, input.text);
    const view = await this.api.post<ConversationView>('/api/conversations', {
      conversationId,
      topic: input.topic,
      centerId,
      teamEpoch: verified.teamKey.epoch,
      sealedForSeeker: await sealTo(toBase64(sodium, identity.boxPublicKey), key),
      sealedForTeam: await sealTo(verified.teamKey.boxPublicKey, key),
      firstMessage,
    });
    this.keys.set(conversationId, new Map([[1, key]]));
    this.track(conversationId, 0);
    return view;
  }

  /** Deletes a conversation with everything in it (help seekers). */
  async remove(conversationId: string): Promise<void> {
    await this.api.delete(`/api/conversations/${conversationId}`);
    this.forget(conversationId);
  }

  /**
   * After the counselor left the center: a new conversation key epoch, sealed to this
   * help seeker; every epoch's key sealed to the center's current (verified) team key.
   * The former counselor can read nothing written after this.
   */
  async rekey(conversationId: string): Promise<ConversationView> {
    const identity = this.me();
    const view = await this.conversation(conversationId);
    if (!view.needsRekey) return view;
    const verified = await this.verifiedKeyChain(view.centerId);
    if (!verified) throw new ChatError(409, 'NO_TEAM_KEY', 'The center has no team key');
    const keyEpoch = view.keyEpoch + 1;
    const key = await generateConversationKey();
    const byEpoch = this.keys.get(conversationId) ?? new Map<number, Uint8Array>();
    const sealedForTeam = await this.sealEveryEpoch(view, verified.teamKey.boxPublicKey);
    sealedForTeam.push({ keyEpoch, sealedKey: await sealTo(verified.teamKey.boxPublicKey, key) });
    const sodium = await getSodium();
    let renewed: ConversationView;
    try {
      renewed = await this.api.post<ConversationView>(`/api/conversations/${conversationId}/rekey`, {
        keyEpoch,
        teamEpoch: verified.teamKey.epoch,
        sealedForSeeker: await sealTo(toBase64(sodium, identity.boxPublicKey), key),
        sealedForTeam,
      });
    } catch (error) {
      // Another device (or tab) of this help seeker renewed it first: use theirs.
      if (error instanceof ApiError && error.code === 'STALE_KEY_EPOCH')
        return this.conversation(conversationId);
      throw error;
    }
    byEpoch.set(keyEpoch, key);
    this.keys.set(conversationId, byEpoch);
    return this.remember(renewed);
  }

  private forget(conversationId: string): void {
    this.keys.get(conversationId)?.forEach((key) => key.fill(0));
    this.keys.delete(conversationId);
    this.views.delete(conversationId);
    this.lastSeq.delete(conversationId);
    this.seenClientIds.delete(conversationId);
  }

  // --- counselors ---

  /** Erstanfragen of a center, oldest first, with the first message decrypted here. */
  async queue(centerId: string): Promise<DecryptedQueueItem[]> {
    const items = await this.api.get<QueueItem[]>(`/api/centers/${centerId}/queue`);
    return Promise.all(items.map((item) => this.decryptQueueItem(item)));
  }

  /**
   * Takes an inquiry over: the conversation key (opened with the team key) is sealed
   * to this counselor. Throws ApiError 409 ALREADY_TAKEN when a colleague was faster.
   */
  async takeOver(conversationId: string): Promise<ConversationView> {
    const identity = this.me();
    const view = await this.conversation(conversationId);
    const sodium = await getSodium();
    const taken = await this.api.post<ConversationView>(`/api/conversations/${conversationId}/take`, {
      sealedForCounselor: await this.sealEveryEpoch(view, toBase64(sodium, identity.boxPublicKey)),
    });
    this.track(conversationId, 0);
    return taken;
  }

  /**
   * Hands a consultation to a colleague: only to someone on the center's admin-signed
   * member list (verified here), with the key and an optional note sealed to them.
   */
  async handOver(conversationId: string, toAccountId: string, note?: string): Promise<ConversationView> {
    const view = await this.conversation(conversationId);
    const verified = await this.verifiedKeyChain(view.centerId);
    const colleague = verified?.memberList?.members.find((m) => m.accountId === toAccountId);
    if (!colleague)
      throw new ChatError(
        422,
        'NOT_ON_MEMBER_LIST',
        'This colleague is not on the signed member list of the center',
      );
    const sodium = await getSodium();
    return this.api.post<ConversationView>(`/api/conversations/${conversationId}/hand-over`, {
      toAccountId,
      sealedForCounselor: await this.sealEveryEpoch(view, colleague.boxPublicKey),
      ...(note ? { sealedNote: await sealTo(colleague.boxPublicKey, sodium.from_string(note)) } : {}),
    });
  }

  /** The handover note addressed to this counselor, decrypted. */
  async handOverNote(view: ConversationView): Promise<string | undefined> {
    if (!view.handOverNote) return undefined;
    const identity = this.me();
    const sodium = await getSodium();
    return sodium.to_string(
      await openSealed(view.handOverNote, identity.boxPublicKey, identity.boxSecretKey),
    );
  }

  /** Counselors: propose moving a consultation to another center (the help seeker decides). */
  proposeTransfer(conversationId: string, centerId: string): Promise<ConversationView> {
    return this.api.post(`/api/conversations/${conversationId}/transfer`, { centerId });
  }

  /**
   * Help seekers: agree to the proposed move. The other center's team key is verified
   * through the trust chain here before every epoch's key is sealed to it.
   */
  async acceptTransfer(conversationId: string): Promise<ConversationView> {
    const view = await this.conversation(conversationId);
    if (!view.transferCenterId)
      throw new ChatError(409, 'NO_TRANSFER_PROPOSED', 'No move to another center was proposed');
    const verified = await this.verifiedKeyChain(view.transferCenterId);
    if (!verified)
      throw new ChatError(409, 'NO_TEAM_KEY', 'That center cannot receive encrypted conversations');
    return this.api.post(`/api/conversations/${conversationId}/transfer/accept`, {
      teamEpoch: verified.teamKey.epoch,
      sealedForTeam: await this.sealEveryEpoch(view, verified.teamKey.boxPublicKey),
    });
  }

  declineTransfer(conversationId: string): Promise<ConversationView> {
    return this.api.post(`/api/conversations/${conversationId}/transfer/decline`);
  }

  // --- calls (ARCHITECTURE.md §7) ---

  /** Counselors: propose an audio or video call; nothing happens until the help seeker accepts. */
  proposeCall(conversationId: string, kind: CallKind): Promise<CallView> {
    return this.api.post(`/api/conversations/${conversationId}/calls`, { kind });
  }

  /** The calls of a conversation, oldest first (e.g. to find an open proposal after a reload). */
  calls(conversationId: string): Promise<CallView[]> {
    return this.api.get(`/api/conversations/${conversationId}/calls`);
  }

  call(callId: string): Promise<CallView> {
    return this.api.get(`/api/calls/${callId}`);
  }

  /** Help seekers: agree to the proposed call (after being told who, audio/video, nothing recorded). */
  acceptCall(callId: string): Promise<CallView> {
    return this.api.post(`/api/calls/${callId}/accept`);
  }

  declineCall(callId: string): Promise<CallView> {
    return this.api.post(`/api/calls/${callId}/decline`);
  }

  /** A single-use token and the signalling URL to join the running call's room. */
  joinInfo(callId: string): Promise<CallJoinInfo> {
    return this.api.get(`/api/calls/${callId}/join`);
  }

  /** Hang up (or withdraw a proposal): ends the call for both. */
  endCall(callId: string): Promise<CallView> {
    return this.api.post(`/api/calls/${callId}/end`);
  }

  /**
   * The call's media key, derived here from the conversation key of the call's epoch
   * (ARCHITECTURE.md §5); it never leaves this device. For the encoded transforms.
   */
  async callMediaKey(call: Pick<CallView, 'conversationId' | 'keyEpoch' | 'seq'>): Promise<Uint8Array> {
    const key = await this.key(call.conversationId, call.keyEpoch);
    if (!key) throw new ChatError(403, 'NO_KEY', 'The conversation key is not available');
    return deriveCallMediaKey(key, call.seq);
  }

  /** A center's chat settings (members read, admins change). */
  settings(centerId: string): Promise<ChatSettings> {
    return this.api.get(`/api/centers/${centerId}/chat-settings`);
  }

  updateSettings(centerId: string, settings: ChatSettings): Promise<ChatSettings> {
    return this.api.put(`/api/centers/${centerId}/chat-settings`, settings);
  }

  /** Counselors: the own absence note. */
  absence(): Promise<Absence> {
    return this.api.get('/api/chat/absence');
  }

  /** Counselors: mark oneself absent with a note the help seekers see, or back (`absent: false`). */
  setAbsence(absence: { absent: boolean; message?: string | null }): Promise<Absence> {
    return this.api.put('/api/chat/absence', absence);
  }

  archive(conversationId: string): Promise<ConversationView> {
    return this.api.post(`/api/conversations/${conversationId}/archive`);
  }

  // --- both ---

  /** Own conversations (help seeker) or own consultations (counselor). */
  async conversations(status?: ConversationStatus): Promise<ConversationView[]> {
    const views = await this.api.get<ConversationView[]>('/api/conversations', { status });
    return views.map((view) => this.remember(view));
  }

  async conversation(conversationId: string): Promise<ConversationView> {
    return this.remember(await this.api.get<ConversationView>(`/api/conversations/${conversationId}`));
  }

  /** conversation id → what sending needs to know, from the latest view seen */
  private readonly views = new Map<
    string,
    Pick<ConversationView, 'keyEpoch' | 'needsRekey' | 'seekerId' | 'lastSeq'>
  >();

  private remember(view: ConversationView): ConversationView {
    this.views.set(view.id, view);
    return view;
  }

  /** A page of decrypted messages: after a sequence (forwards) or before one (backwards). */
  async history(
    conversationId: string,
    range: { after?: number; before?: number; limit?: number } = {},
  ): Promise<{ messages: DecryptedMessage[]; more: boolean }> {
    const page = await this.api.get<{ messages: ChatMessage[]; more: boolean }>(
      `/api/conversations/${conversationId}/messages`,
      { after: range.after, before: range.before, limit: range.limit },
    );
    return { messages: await Promise.all(page.messages.map((m) => this.decrypt(m))), more: page.more };
  }

  /**
   * Encrypts and sends a message. Resolves once the server has stored it (with its
   * sequence number). Without an acknowledgement in time the same message (same
   * client id) is sent again; the server stores it once.
   */
  async send(conversationId: string, text: string): Promise<DecryptedMessage> {
    // A typed text never passes for an attachment reference.
    let start = 0;
    while (text.charCodeAt(start) === 0) start++;
    return this.sendPlaintext(conversationId, text.slice(start));
  }

  /**
   * Sends a file: its type is checked here (name and first bytes must agree: PDF,
   * images, office documents), it is encrypted whole with a key derived from the
   * conversation key, uploaded as an opaque blob, and announced by an encrypted
   * message carrying its name, type and size.
   */
  async sendAttachment(
    conversationId: string,
    file: { name: string; bytes: Uint8Array },
  ): Promise<DecryptedMessage> {
    const type = detectAttachmentType(file.name, file.bytes);
    if (!type)
      throw new AttachmentRefusedError(
        'ATTACHMENT_TYPE',
        'Only PDF files, images and office documents can be sent',
      );
    if (file.bytes.length > MAX_ATTACHMENT_BYTES || file.bytes.length === 0)
      throw new AttachmentRefusedError('ATTACHMENT_TOO_LARGE', 'A file may have at most 10 MB');
    const view = await this.conversation(conversationId);
    const key = await this.key(conversationId, view.keyEpoch);
    if (!key) throw new ChatError(403, 'NO_KEY', 'The conversation key is not available');
    const id = crypto.randomUUID();
    const blob = await encryptAttachment(key, { conversationId, attachmentId: id }, file.bytes);
    await this.api.upload('PUT', `/api/conversations/${conversationId}/attachments/${id}`, blob);
    const ref: AttachmentRef = { id, name: file.name.slice(0, 200), type, size: file.bytes.length };
    return this.sendPlaintext(conversationId, ATTACHMENT_PREFIX + JSON.stringify(ref));
  }

  /** Downloads and decrypts an attachment a message refers to. */
  async downloadAttachment(
    conversationId: string,
    ref: AttachmentRef,
    keyEpoch?: number,
  ): Promise<Uint8Array> {
    const epoch = keyEpoch ?? (await this.conversation(conversationId)).keyEpoch;
    const blob = await this.api.download(`/api/attachments/${ref.id}`);
    // The reference may be from an earlier key epoch: try the epochs from newest down.
    for (let e = epoch; e >= 1; e--) {
      const key = await this.key(conversationId, e);
      if (!key) continue;
      try {
        return await decryptAttachment(key, { conversationId, attachmentId: ref.id }, blob);
      } catch {
        // another epoch
      }
    }
    throw new DecryptionError();
  }

  private async sendPlaintext(conversationId: string, text: string): Promise<DecryptedMessage> {
    try {
      return await this.sendOnce(conversationId, text, false);
    } catch (error) {
      // The key moved on since the view was cached (a rekey, a new epoch): fetch and retry.
      if (error instanceof ChatError && (error.code === 'STALE_KEY_EPOCH' || error.code === 'REKEY_NEEDED'))
        return this.sendOnce(conversationId, text, true);
      throw error;
    }
  }

  private async sendOnce(conversationId: string, text: string, fresh: boolean): Promise<DecryptedMessage> {
    // The latest view seen (events keep it current) spares a fetch per message.
    let view = (!fresh && this.views.get(conversationId)) || (await this.conversation(conversationId));
    if (view.needsRekey && view.seekerId === this.currentAccountId?.())
      view = await this.rekey(conversationId);
    const key = await this.key(conversationId, view.keyEpoch);
    if (!key) throw new ChatError(403, 'NO_KEY', 'The conversation key is not available');
    const payload = { conversationId, ...(await this.encrypt(conversationId, view.keyEpoch, key, text)) };
    this.track(conversationId, view.lastSeq);
    for (let attempt = 0; ; attempt++) {
      const socket = this.socket;
      if (!socket) throw new Error('Not connected: call connect() first');
      try {
        const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', payload);
        if (!response.ok)
          throw new ChatError(response.error.status ?? 400, response.error.code, response.error.message);
        // The server does not echo it to this socket: it joins the stream here, in order,
        // before send() resolves (as the echo did).
        const stored = response.message;
        const decrypted = await this.decrypt(stored);
        await this.inOrder(conversationId, 'chat:message', () => this.receive(stored, decrypted));
        return { ...decrypted };
      } catch (error) {
        if (error instanceof ChatError || attempt >= 2) throw error;
      }
    }
  }

  typing(conversationId: string, typing: boolean): void {
    this.socket?.emit('chat:typing', { conversationId, typing });
  }

  /** Marks messages up to `seq` as read (and so delivered); the other side sees it. */
  async markRead(conversationId: string, seq: number): Promise<void> {
    await this.receipt({ conversationId, readSeq: seq });
  }

  async markDelivered(conversationId: string, seq: number): Promise<void> {
    await this.receipt({ conversationId, deliveredSeq: seq });
  }

  private async receipt(payload: { conversationId: string; deliveredSeq?: number; readSeq?: number }) {
    const socket = this.socket;
    if (!socket) throw new Error('Not connected: call connect() first');
    const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:receipt', payload);
    if (!response.ok)
      throw new ChatError(response.error.status ?? 400, response.error.code, response.error.message);
  }

  /** The conversation key's fingerprint, for both sides to compare on demand. */
  async fingerprint(conversationId: string): Promise<string> {
    const view = await this.conversation(conversationId);
    const key = await this.key(conversationId, view.keyEpoch);
    if (!key) throw new ChatError(403, 'NO_KEY', 'The conversation key is not available');
    return conversationKeyFingerprint(key);
  }
}
