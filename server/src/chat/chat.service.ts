import type { z } from 'zod';
import type {
  Absence,
  ChatMessage,
  ChatServerEvents,
  ConversationView,
  EncryptedMessageInput,
  QueueItem,
  acceptTransferSchema,
  handOverSchema,
  messagesQuerySchema,
  rekeySchema,
  takeOverSchema,
  startInquirySchema,
} from '@beratung/shared';
import type { Db } from '../db/database';
import type { SystemEvent } from '../db/schema-chat';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import {
  advanceReceipts,
  appendEntry,
  appendMessage,
  appendMessageNow,
  conversationViews,
  findConversation,
  isCenterMember,
  lockConversation,
  messagePage,
  queueItems,
  storeSealedKeys,
  storedByClientId,
  type ConversationRow,
  type ReceiptInput,
  type ReceiptOutcome,
} from './chat.repository';
import { groupBatches } from './group-batch';
import { currentTeamEpoch, routeInquiry } from './routing';

/** Delivers server events to the sockets of accounts or of a center queue (any process). */
export interface ChatNotifier {
  toAccounts<E extends keyof ChatServerEvents>(
    accountIds: Array<string | null>,
    event: E,
    ...args: Parameters<ChatServerEvents[E]>
  ): void;
  /**
   * As toAccounts, but not to the one socket given (the sender, answered by its
   * acknowledgement); to every socket when there is none (a REST call).
   */
  toAccountsExcept<E extends keyof ChatServerEvents>(
    socketId: string | undefined,
    accountIds: Array<string | null>,
    event: E,
    ...args: Parameters<ChatServerEvents[E]>
  ): void;
  toQueue<E extends keyof ChatServerEvents>(
    centerId: string,
    event: E,
    ...args: Parameters<ChatServerEvents[E]>
  ): void;
  /** The account's sockets stop receiving the center's queue (they left the center). */
  leaveQueue(accountId: string, centerId: string): void;
  /**
   * Key material of a center changed (member joined or left, list signed, team key
   * published, a grant made): members' clients check whether they have work to do.
   */
  keysChanged(centerId: string): void;
}

export interface ChatLimits {
  /** Throws a 429 AppError when the account sent too many messages. */
  messageSent(accountId: string): Promise<void>;
}

/**
 * The calls of a conversation, as far as the chat needs them: when the conversation
 * moves to someone else (handover, transfer, counselor left), its open call ends — in
 * the move's transaction, and is announced after the commit. (Implemented by the calls
 * service; an interface here so the chat does not depend on the calls module.)
 */
export interface ConversationCalls<T = unknown> {
  endForMove(trx: Db, conversation: ConversationRow, actorId: string | null): Promise<T>;
  afterMove(ended: T, parties: Array<string | null>): Promise<void>;
}

export interface ChatSettings {
  fallbackCenterId?: string;
  inquiriesPerDay: number;
}

/** Who the caller is in a conversation; everyone else is told it does not exist. */
type Party = 'seeker' | 'counselor' | 'team';

/**
 * The chat domain (ARCHITECTURE.md §6): inquiries, the queue, take-over, messages,
 * receipts, handover and archive. It stores and relays ciphertext only; every call
 * checks that the caller is the help seeker or the assigned counselor of the
 * conversation, or — for an inquiry still waiting — a member of its center.
 */
export class ChatService {
  constructor(
    private readonly db: Db,
    private readonly notifier: ChatNotifier,
    private readonly limits: ChatLimits,
    private readonly settings: ChatSettings,
    private readonly calls?: ConversationCalls,
    /** For receipts (DatabaseHandle.relaxed); the same as `db` where there is no such pool. */
    private readonly relaxed: Db = db,
  ) {}

  /**
   * Receipts go to the database in batches: a receipt waits up to 20 ms for others (the
   * SDK itself waits 100 ms before sending one), and those arriving while a batch runs go
   * in the next. Under load one statement stands for many receipts, each still checked
   * and answered on its own.
   */
  private readonly advanceReceipt = groupBatches<ReceiptInput, ReceiptOutcome>({
    maxBatch: 200,
    collectMs: 20,
    run: (receipts) => advanceReceipts(this.relaxed, receipts),
  });

  /** Ends the conversation's open call in the move's transaction (see ConversationCalls). */
  private endCallsForMove(trx: Db, conversation: ConversationRow, actorId: string | null) {
    return this.calls?.endForMove(trx, conversation, actorId);
  }

  private async announceEndedCalls(ended: unknown, parties: Array<string | null>): Promise<void> {
    if (ended !== undefined) await this.calls?.afterMove(ended, parties);
  }

  private async partyOf(conversation: ConversationRow, accountId: string): Promise<Party | undefined> {
    if (conversation.seeker_id === accountId) return 'seeker';
    if (conversation.counselor_id === accountId) return 'counselor';
    if (
      conversation.status === 'waiting' &&
      (await isCenterMember(this.db, conversation.center_id, accountId))
    )
      return 'team';
    return undefined;
  }

  private async visible(conversationId: string, accountId: string) {
    const conversation = await findConversation(this.db, conversationId);
    const party = conversation && (await this.partyOf(conversation, accountId));
    if (!conversation || !party) throw new NotFoundError('Conversation');
    return { conversation, party };
  }

  private async view(conversationId: string, viewerId: string, asTeam = false): Promise<ConversationView> {
    const [view] = await conversationViews(this.db, viewerId, { ids: [conversationId] }, asTeam);
    if (!view) throw new NotFoundError('Conversation');
    return view;
  }

  /** Tells both parties (all their devices) about the conversation's new state. */
  private async announce(conversationId: string, parties: Array<string | null>): Promise<void> {
    for (const accountId of new Set(parties)) {
      if (!accountId) continue;
      this.notifier.toAccounts([accountId], 'chat:conversation', await this.view(conversationId, accountId));
    }
  }

  /** A new entry of the conversation to both parties, and its new state to each of them. */
  private async publish(conversationId: string, entry: ChatMessage, parties: Array<string | null>) {
    this.notifier.toAccounts(parties, 'chat:message', entry);
    await this.announce(conversationId, parties);
  }

  /** Puts an inquiry (new, renewed or moved here) into its center's live queue. */
  private async offerToQueue(centerId: string, conversationId: string, seekerId: string) {
    const [item] = await queueItems(this.db, centerId, seekerId, [conversationId]);
    // As a team member sees it: no receipts of their own yet.
    if (item) this.notifier.toQueue(centerId, 'queue:added', { ...item, readSeq: 0, handOverNote: null });
  }

  routeFor(topic: string, postalCode: string) {
    return routeInquiry(this.db, topic, postalCode, this.settings.fallbackCenterId).then((route) => {
      if (!route)
        throw new AppError(
          404,
          'NO_CENTER_FOR_POSTAL_CODE',
          'No counseling center offers online counseling for this topic and postal code',
        );
      return route;
    });
  }

  async startInquiry(seekerId: string, input: z.infer<typeof startInquirySchema>): Promise<ConversationView> {
    const center = await this.db
      .selectFrom('centers')
      .select(['id', 'offers_online_chat'])
      .where('id', '=', input.centerId)
      .executeTakeFirst();
    if (!center) throw new NotFoundError('Center');
    if (!center.offers_online_chat && center.id !== this.settings.fallbackCenterId)
      throw new AppError(422, 'NO_ONLINE_COUNSELING', 'This center does not offer online counseling');
    const epoch = await currentTeamEpoch(this.db, center.id);
    if (epoch === undefined)
      throw new AppError(409, 'NO_TEAM_KEY', 'This center cannot receive encrypted inquiries yet');
    if (epoch !== input.teamEpoch)
      throw new ConflictError('STALE_TEAM_KEY', 'The center has a new team key; seal the inquiry to it');
    if (input.firstMessage.keyEpoch !== 1)
      throw new AppError(422, 'KEY_EPOCH_INVALID', 'A new conversation starts with key epoch 1');
    const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const today = await this.db
      .selectFrom('conversations')
      .select(({ fn }) => fn.countAll<number>().as('count'))
      .where('seeker_id', '=', seekerId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(today.count) >= this.settings.inquiriesPerDay)
      throw new AppError(
        429,
        'INQUIRY_LIMIT',
        `At most ${this.settings.inquiriesPerDay} new inquiries per day; please write in your existing conversation`,
      );

    const first = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('conversations')
        .values({
          id: input.conversationId,
          center_id: center.id,
          seeker_id: seekerId,
          topic: input.topic,
          status: 'waiting',
          team_epoch: epoch,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) throw new ConflictError('CONVERSATION_EXISTS', 'This conversation id is taken');
      await storeSealedKeys(trx, inserted.id, { accountId: seekerId }, [
        { keyEpoch: 1, sealedKey: input.sealedForSeeker },
      ]);
      await storeSealedKeys(trx, inserted.id, { teamEpoch: epoch }, [
        { keyEpoch: 1, sealedKey: input.sealedForTeam },
      ]);
      return appendEntry(trx, inserted, messageEntry(seekerId, input.firstMessage));
    });
    await this.offerToQueue(center.id, input.conversationId, seekerId);
    this.notifier.toAccounts([seekerId], 'chat:message', first);
    return this.view(input.conversationId, seekerId);
  }

  /** Help seeker: their conversations; staff: the consultations assigned to them. */
  async list(accountId: string, kind: 'seeker' | 'staff', status?: ConversationView['status']) {
    return conversationViews(
      this.db,
      accountId,
      kind === 'seeker' ? { seekerId: accountId, status } : { counselorId: accountId, status },
    );
  }

  async get(conversationId: string, accountId: string): Promise<ConversationView> {
    const { party } = await this.visible(conversationId, accountId);
    return this.view(conversationId, accountId, party === 'team');
  }

  async messages(conversationId: string, accountId: string, range: z.infer<typeof messagesQuerySchema>) {
    const { party } = await this.visible(conversationId, accountId);
    // The team sees an inquiry's first message before anyone takes it, nothing after it.
    if (party === 'team') return messagePage(this.db, conversationId, { after: 0, limit: 1 });
    return messagePage(this.db, conversationId, range);
  }

  async queue(centerId: string, accountId: string): Promise<QueueItem[]> {
    if (!(await isCenterMember(this.db, centerId, accountId)))
      throw new ForbiddenError('Only counselors of this center see its inquiries', 'NOT_CENTER_MEMBER');
    return queueItems(this.db, centerId, accountId);
  }

  /** Takes an inquiry over. Atomic: of counselors clicking at once exactly one wins. */
  async takeOver(
    conversationId: string,
    counselorId: string,
    sealedForCounselor: z.infer<typeof takeOverSchema>['sealedForCounselor'],
  ) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || !(await isCenterMember(trx, conversation.center_id, counselorId)))
        throw new NotFoundError('Conversation');
      if (conversation.status !== 'waiting')
        throw new ConflictError(
          'ALREADY_TAKEN',
          conversation.counselor_id === counselorId
            ? 'You have already taken this inquiry'
            : 'A colleague has already taken this inquiry',
        );
      await trx
        .updateTable('conversations')
        .set({ status: 'active', counselor_id: counselorId, taken_at: new Date() })
        .where('id', '=', conversationId)
        .execute();
      if (conversation.rekey_min_team_epoch !== null)
        throw new ConflictError('REKEY_PENDING', 'The help seeker has to renew the conversation key first');
      requireEveryEpoch(conversation, sealedForCounselor);
      await storeSealedKeys(trx, conversationId, { accountId: counselorId }, sealedForCounselor);
      const event = await appendEntry(trx, conversation, systemEntry(counselorId, 'taken'));
      return { conversation, event };
    });
    this.notifier.toQueue(outcome.conversation.center_id, 'queue:removed', {
      centerId: outcome.conversation.center_id,
      conversationId,
      takenBy: counselorId,
    });
    await this.publish(conversationId, outcome.event, [outcome.conversation.seeker_id, counselorId]);
    return this.view(conversationId, counselorId);
  }

  /**
   * Stores a message before anything is acknowledged. A resend with the same client
   * message id (the acknowledgement was lost) returns the stored message, no copy.
   * `senderSocketId`: the socket it came from gets it in the acknowledgement, not twice
   * (the sender's other devices get it as usual).
   */
  async send(
    senderId: string,
    conversationId: string,
    input: EncryptedMessageInput,
    senderSocketId?: string,
  ): Promise<{ message: ChatMessage; duplicate: boolean }> {
    await this.limits.messageSent(senderId);
    const announce = (parties: Array<string | null>, message: ChatMessage) =>
      this.notifier.toAccountsExcept(senderSocketId, parties, 'chat:message', message);
    const now = await appendMessageNow(this.db, conversationId, messageEntry(senderId, input));
    if (now) {
      announce(now.parties, now.message);
      return { message: now.message, duplicate: false };
    }
    // Refused, reopening, or a resend: read first, then decide (and say why).
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      const isSeeker = conversation?.seeker_id === senderId;
      const isCounselor = conversation?.counselor_id === senderId;
      if (!conversation || (!isSeeker && !isCounselor)) throw new NotFoundError('Conversation');
      // A resend of something already stored is answered with it, whatever changed since;
      // looked up only off the common path (the insert below detects it too).
      const stored = () => storedByClientId(trx, conversationId, senderId, input.clientMessageId);
      const refuse = async (error: Error) => {
        const existing = await stored();
        if (existing) return { existing, conversation, reopened: undefined, message: undefined };
        throw error;
      };
      if (isCounselor && conversation.status === 'archived')
        return refuse(new ConflictError('CONVERSATION_ARCHIVED', 'This consultation is archived'));
      if (conversation.rekey_min_team_epoch !== null)
        return refuse(
          new ConflictError('REKEY_NEEDED', 'The counselor left: renew the conversation key before writing'),
        );
      if (input.keyEpoch !== conversation.key_epoch)
        return refuse(new ConflictError('STALE_KEY_EPOCH', 'The conversation has a newer key; reload it'));
      let reopened: ChatMessage | undefined;
      // A help seeker writing into an archived consultation reopens it for the counselor.
      if (isSeeker && conversation.status === 'archived') {
        const existing = await stored();
        if (existing) return { existing, conversation, reopened, message: undefined };
        await trx
          .updateTable('conversations')
          .set({ status: conversation.counselor_id ? 'active' : 'waiting', archived_at: null })
          .where('id', '=', conversationId)
          .execute();
        reopened = await appendEntry(trx, conversation, systemEntry(senderId, 'reopened'));
      }
      const message = await appendMessage(trx, conversation, messageEntry(senderId, input));
      if (!message) return { existing: await stored(), conversation, reopened, message };
      return { existing: undefined, conversation, reopened, message };
    });
    const { conversation } = outcome;
    if (outcome.existing) return { message: outcome.existing, duplicate: true };
    const parties = [conversation.seeker_id, conversation.counselor_id];
    if (outcome.reopened) {
      await this.publish(conversationId, outcome.reopened, parties);
    }
    announce(parties, outcome.message!);
    return { message: outcome.message!, duplicate: false };
  }

  /** Moves the caller's delivered/read marks forward and tells the other side (if they moved). */
  async receipt(
    accountId: string,
    input: { conversationId: string; deliveredSeq?: number; readSeq?: number },
  ): Promise<void> {
    const outcome = await this.advanceReceipt({
      conversationId: input.conversationId,
      accountId,
      deliveredSeq: input.deliveredSeq ?? 0,
      readSeq: input.readSeq ?? 0,
    });
    // Only the two people have receipts: anyone else learns nothing, not even that it exists.
    if (!outcome) throw new NotFoundError('Conversation');
    if (!outcome.moved) return;
    this.notifier.toAccounts(outcome.parties, 'chat:receipt', {
      conversationId: input.conversationId,
      accountId,
      deliveredSeq: outcome.deliveredSeq,
      readSeq: outcome.readSeq,
    });
  }

  /** Relays a typing indicator to the other side only; nothing is stored. */
  async typing(accountId: string, conversationId: string, typing: boolean): Promise<void> {
    const { conversation, party } = await this.visible(conversationId, accountId);
    if (party === 'team') throw new NotFoundError('Conversation');
    const peer = party === 'seeker' ? conversation.counselor_id : conversation.seeker_id;
    this.notifier.toAccounts([peer], 'chat:typing', { conversationId, accountId, typing });
  }

  /** Hands a consultation to a colleague of the same center, with a note sealed to them. */
  async handOver(conversationId: string, counselorId: string, input: z.infer<typeof handOverSchema>) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || conversation.counselor_id !== counselorId) throw new NotFoundError('Conversation');
      if (input.toAccountId === counselorId)
        throw new AppError(422, 'HANDOVER_TO_SELF', 'Choose a colleague to hand over to');
      if (!(await isCenterMember(trx, conversation.center_id, input.toAccountId)))
        throw new AppError(
          422,
          'NOT_A_COLLEAGUE',
          'Consultations can be handed over only to counselors of the same center',
        );
      await trx
        .updateTable('conversations')
        .set({ counselor_id: input.toAccountId })
        .where('id', '=', conversationId)
        .execute();
      requireEveryEpoch(conversation, input.sealedForCounselor);
      await storeSealedKeys(trx, conversationId, { accountId: input.toAccountId }, input.sealedForCounselor);
      await trx
        .insertInto('conversation_handovers')
        .values({
          conversation_id: conversationId,
          from_account_id: counselorId,
          to_account_id: input.toAccountId,
          sealed_note: input.sealedNote ?? null,
        })
        .execute();
      const endedCalls = await this.endCallsForMove(trx, conversation, counselorId);
      const event = await appendEntry(trx, conversation, systemEntry(counselorId, 'handed_over'));
      return { conversation, event, endedCalls };
    });
    const parties = [outcome.conversation.seeker_id, counselorId, input.toAccountId];
    await this.announceEndedCalls(outcome.endedCalls, parties);
    await this.publish(conversationId, outcome.event, parties);
    return this.view(conversationId, counselorId);
  }

  async archive(conversationId: string, counselorId: string): Promise<ConversationView> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || conversation.counselor_id !== counselorId) throw new NotFoundError('Conversation');
      if (conversation.status === 'archived')
        throw new ConflictError('CONVERSATION_ARCHIVED', 'This consultation is archived already');
      await trx
        .updateTable('conversations')
        .set({ status: 'archived', archived_at: new Date() })
        .where('id', '=', conversationId)
        .execute();
      const event = await appendEntry(trx, conversation, systemEntry(counselorId, 'archived'));
      return { conversation, event };
    });
    const parties = [outcome.conversation.seeker_id, counselorId];
    await this.publish(conversationId, outcome.event, parties);
    return this.view(conversationId, counselorId);
  }

  /** The help seeker deletes a conversation with every row that belongs to it. */
  async remove(conversationId: string, seekerId: string): Promise<void> {
    const conversation = await findConversation(this.db, conversationId);
    if (!conversation || conversation.seeker_id !== seekerId) throw new NotFoundError('Conversation');
    await this.db.deleteFrom('conversations').where('id', '=', conversationId).execute();
    if (conversation.status === 'waiting')
      this.notifier.toQueue(conversation.center_id, 'queue:removed', {
        centerId: conversation.center_id,
        conversationId,
        takenBy: null,
      });
    this.notifier.toAccounts([seekerId, conversation.counselor_id], 'chat:conversation', {
      id: conversationId,
      deleted: true,
    });
  }

  /**
   * The help seeker's client renews the conversation key after the counselor left the
   * center, so the former counselor can read nothing written from now on. The
   * conversation waits in the queue again, readable by the team with the current key.
   */
  async rekey(conversationId: string, seekerId: string, input: z.infer<typeof rekeySchema>) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || conversation.seeker_id !== seekerId) throw new NotFoundError('Conversation');
      if (input.keyEpoch !== conversation.key_epoch + 1)
        throw new ConflictError('STALE_KEY_EPOCH', `The next key epoch is ${conversation.key_epoch + 1}`);
      const teamEpoch = await currentTeamEpoch(trx, conversation.center_id);
      if (teamEpoch === undefined || teamEpoch < (conversation.rekey_min_team_epoch ?? 0))
        throw new ConflictError(
          'TEAM_KEY_ROTATION_PENDING',
          'The center has not renewed its team key yet; this happens as soon as a center admin is online',
        );
      if (teamEpoch !== input.teamEpoch)
        throw new ConflictError('STALE_TEAM_KEY', 'The center has a new team key; seal the keys to it');
      requireEveryEpoch({ key_epoch: input.keyEpoch }, input.sealedForTeam);
      await trx
        .updateTable('conversations')
        .set({ key_epoch: input.keyEpoch, team_epoch: teamEpoch, rekey_min_team_epoch: null })
        .where('id', '=', conversationId)
        .execute();
      await storeSealedKeys(trx, conversationId, { accountId: seekerId }, [
        { keyEpoch: input.keyEpoch, sealedKey: input.sealedForSeeker },
      ]);
      await storeSealedKeys(trx, conversationId, { teamEpoch }, input.sealedForTeam);
      const event = await appendEntry(trx, conversation, systemEntry(seekerId, 'rekeyed'));
      return { conversation, event };
    });
    const { conversation } = outcome;
    await this.publish(conversationId, outcome.event, [seekerId]);
    if (conversation.status === 'waiting')
      await this.offerToQueue(conversation.center_id, conversationId, seekerId);
    return this.view(conversationId, seekerId);
  }

  /**
   * A counselor left the center: their consultations go back to the queue, and each
   * waits for its help seeker's client to renew the conversation key.
   */
  async counselorRemoved(centerId: string, counselorId: string): Promise<void> {
    const released = await this.db.transaction().execute(async (trx) => {
      const rotatedEpoch = ((await currentTeamEpoch(trx, centerId)) ?? 0) + 1;
      const held = await trx
        .selectFrom('conversations')
        .select('id')
        .where('center_id', '=', centerId)
        .where('counselor_id', '=', counselorId)
        .forUpdate()
        .execute();
      const events: Array<{ seekerId: string; event: ChatMessage; endedCalls: unknown }> = [];
      for (const { id } of held) {
        const conversation = (await lockConversation(trx, id))!;
        const endedCalls = await this.endCallsForMove(trx, conversation, null);
        await trx
          .updateTable('conversations')
          .set({
            status: 'waiting',
            counselor_id: null,
            rekey_min_team_epoch: rotatedEpoch,
            archived_at: null,
          })
          .where('id', '=', id)
          .execute();
        events.push({
          seekerId: conversation.seeker_id,
          event: await appendEntry(trx, conversation, systemEntry(null, 'counselor_left')),
          endedCalls,
        });
      }
      return events;
    });
    for (const { seekerId, event, endedCalls } of released) {
      await this.announceEndedCalls(endedCalls, [seekerId, counselorId]);
      this.notifier.toAccounts([seekerId, counselorId], 'chat:message', event);
      await this.announce(event.conversationId, [seekerId]);
    }
    this.notifier.leaveQueue(counselorId, centerId);
    this.notifier.keysChanged(centerId);
  }

  /**
   * Key material of a center changed: online members' clients look for work, and help
   * seekers whose conversation waits for a renewed key are told when the center's team
   * key is new enough for it.
   */
  async keysChanged(centerId: string): Promise<void> {
    this.notifier.keysChanged(centerId);
    const epoch = await currentTeamEpoch(this.db, centerId);
    if (epoch === undefined) return;
    const waiting = await this.db
      .selectFrom('conversations')
      .select(['id', 'seeker_id'])
      .where('center_id', '=', centerId)
      .where('rekey_min_team_epoch', '<=', epoch)
      .execute();
    for (const { id, seeker_id } of waiting) await this.announce(id, [seeker_id]);
  }

  async absence(accountId: string): Promise<Absence> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['chat_absent', 'chat_absence_message'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    return { absent: row.chat_absent, message: row.chat_absence_message };
  }

  /**
   * A counselor marks themselves absent (or back). The help seekers of their open
   * consultations see the note at once and can still write.
   */
  async setAbsence(accountId: string, input: Absence): Promise<Absence> {
    await this.db
      .updateTable('accounts')
      .set({ chat_absent: input.absent, chat_absence_message: input.absent ? input.message || null : null })
      .where('id', '=', accountId)
      .execute();
    const open = await this.db
      .selectFrom('conversations')
      .select(['id', 'seeker_id'])
      .where('counselor_id', '=', accountId)
      .where('status', '=', 'active')
      .execute();
    for (const { id, seeker_id } of open) await this.announce(id, [seeker_id, accountId]);
    return this.absence(accountId);
  }

  /**
   * The counselor proposes moving the conversation to another center (another team).
   * Nothing moves until the help seeker agrees in the chat.
   */
  async proposeTransfer(conversationId: string, counselorId: string, centerId: string) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || conversation.counselor_id !== counselorId || conversation.status !== 'active')
        throw new NotFoundError('Conversation');
      if (centerId === conversation.center_id)
        throw new AppError(422, 'SAME_CENTER', 'Within the center, hand the consultation over instead');
      const target = await trx
        .selectFrom('centers')
        .select(['id', 'offers_online_chat'])
        .where('id', '=', centerId)
        .executeTakeFirst();
      if (!target?.offers_online_chat || (await currentTeamEpoch(trx, centerId)) === undefined)
        throw new AppError(422, 'TRANSFER_TARGET_INVALID', 'That center does not take encrypted inquiries');
      await trx
        .updateTable('conversations')
        .set({ transfer_center_id: centerId })
        .where('id', '=', conversationId)
        .execute();
      const event = await appendEntry(trx, conversation, systemEntry(counselorId, 'transfer_proposed'));
      return { conversation, event };
    });
    const parties = [outcome.conversation.seeker_id, counselorId];
    await this.publish(conversationId, outcome.event, parties);
    return this.view(conversationId, counselorId);
  }

  async declineTransfer(conversationId: string, seekerId: string) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || conversation.seeker_id !== seekerId) throw new NotFoundError('Conversation');
      if (!conversation.transfer_center_id)
        throw new ConflictError('NO_TRANSFER_PROPOSED', 'No move to another center was proposed');
      await trx
        .updateTable('conversations')
        .set({ transfer_center_id: null })
        .where('id', '=', conversationId)
        .execute();
      const event = await appendEntry(trx, conversation, systemEntry(seekerId, 'transfer_declined'));
      return { conversation, event };
    });
    const parties = [seekerId, outcome.conversation.counselor_id];
    await this.publish(conversationId, outcome.event, parties);
    return this.view(conversationId, seekerId);
  }

  /**
   * The help seeker agrees: their client has sealed every epoch's key to the other
   * center's (verified) team key. The conversation waits in that center's queue; the
   * former counselor is no longer part of it.
   */
  async acceptTransfer(
    conversationId: string,
    seekerId: string,
    input: z.infer<typeof acceptTransferSchema>,
  ) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      if (!conversation || conversation.seeker_id !== seekerId) throw new NotFoundError('Conversation');
      const centerId = conversation.transfer_center_id;
      if (!centerId)
        throw new ConflictError('NO_TRANSFER_PROPOSED', 'No move to another center was proposed');
      if ((await currentTeamEpoch(trx, centerId)) !== input.teamEpoch)
        throw new ConflictError('STALE_TEAM_KEY', 'The center has a new team key; seal the keys to it');
      requireEveryEpoch(conversation, input.sealedForTeam);
      await trx
        .updateTable('conversations')
        .set({
          center_id: centerId,
          status: 'waiting',
          counselor_id: null,
          team_epoch: input.teamEpoch,
          transfer_center_id: null,
          archived_at: null,
        })
        .where('id', '=', conversationId)
        .execute();
      // The former center's team keys go: that team is no longer part of the conversation.
      await trx
        .deleteFrom('conversation_keys')
        .where('conversation_id', '=', conversationId)
        .where('team_epoch', 'is not', null)
        .execute();
      await storeSealedKeys(trx, conversationId, { teamEpoch: input.teamEpoch }, input.sealedForTeam);
      const endedCalls = await this.endCallsForMove(trx, conversation, seekerId);
      const event = await appendEntry(trx, conversation, systemEntry(seekerId, 'transferred'));
      return { conversation, event, centerId, endedCalls };
    });
    const former = outcome.conversation.counselor_id;
    await this.announceEndedCalls(outcome.endedCalls, [seekerId, former]);
    this.notifier.toAccounts([seekerId, former], 'chat:message', outcome.event);
    await this.announce(conversationId, [seekerId]);
    if (former)
      this.notifier.toAccounts([former], 'chat:conversation', { id: conversationId, deleted: true });
    await this.offerToQueue(outcome.centerId, conversationId, seekerId);
    return this.view(conversationId, seekerId);
  }

  /** Every team key epoch sealed to this member (older conversations need older epochs). */
  async teamKeyGrants(centerId: string, accountId: string) {
    const rows = await this.db
      .selectFrom('team_key_grants')
      .select(['epoch', 'sealed_key'])
      .where('center_id', '=', centerId)
      .where('account_id', '=', accountId)
      .orderBy('epoch')
      .execute();
    return rows.map((row) => ({ epoch: row.epoch, sealedKey: row.sealed_key }));
  }
}

function messageEntry(senderId: string, input: EncryptedMessageInput) {
  return {
    kind: 'message' as const,
    sender_id: senderId,
    client_message_id: input.clientMessageId,
    key_epoch: input.keyEpoch,
    nonce: input.nonce,
    ciphertext: input.ciphertext,
    event: null,
  };
}

/** Keys sealed to a new holder must cover every epoch, or part of the history stays unreadable. */
function requireEveryEpoch(conversation: { key_epoch: number }, sealed: Array<{ keyEpoch: number }>): void {
  const epochs = new Set(sealed.map((s) => s.keyEpoch));
  for (let epoch = 1; epoch <= conversation.key_epoch; epoch++) {
    if (!epochs.has(epoch))
      throw new AppError(422, 'KEYS_INCOMPLETE', `The conversation key of epoch ${epoch} is missing`);
  }
  if (sealed.some((s) => s.keyEpoch > conversation.key_epoch))
    throw new AppError(422, 'KEYS_INCOMPLETE', 'A key for an epoch that does not exist was given');
}

export function systemEntry(actorId: string | null, event: SystemEvent) {
  return {
    kind: 'system' as const,
    sender_id: actorId,
    client_message_id: null,
    key_epoch: null,
    nonce: null,
    ciphertext: null,
    event,
  };
}
