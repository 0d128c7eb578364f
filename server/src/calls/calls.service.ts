import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Selectable } from 'kysely';
import type { CallJoinInfo, CallKind, CallView, ChatMessage } from '@beratung/shared';
import type { Db } from '../db/database';
import type { CallsTable, SystemEvent } from '../db/schema-chat';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import {
  appendEntry,
  findConversation,
  lockConversation,
  type ConversationRow,
} from '../chat/chat.repository';
import { systemEntry, type ChatNotifier, type ConversationCalls } from '../chat/chat.service';
import { MediaUnavailableError } from './media-control';
import { listsRoom, type MediaNodes, type MediaPlacement } from './media-nodes';

type CallRow = Selectable<CallsTable>;

/**
 * Why a call ended (CallView.endReason): declined, expired, withdrawn, hung_up,
 * media_unavailable (no room could be made), media_failed (its media node stopped or
 * cannot be reached), room_closed (the room is gone on the media node, e.g. everyone
 * left and it idled out), handed_over (the conversation went to a colleague or to
 * another center).
 */
export type CallEndReason =
  | 'declined'
  | 'expired'
  | 'withdrawn'
  | 'hung_up'
  | 'media_unavailable'
  | 'media_failed'
  | 'room_closed'
  | 'handed_over';

/** What a transition changes on a call. */
type CallChange = Partial<Pick<CallRow, 'status' | 'room_id' | 'media_node_id'>> & {
  end_reason?: CallEndReason;
  accepted?: boolean;
};

/** Calls a conversation move ended inside its transaction; published after the commit. */
export interface EndedCalls {
  calls: CallRow[];
  events: ChatMessage[];
}

export interface CallSettings {
  /** A proposal nobody answered expires after this long. */
  proposalTtlSeconds: number;
}

/** The two people of a conversation; a call has no other participants. */
type Role = 'seeker' | 'counselor';

function roleOf(conversation: ConversationRow, accountId: string): Role | undefined {
  if (conversation.seeker_id === accountId) return 'seeker';
  if (conversation.counselor_id !== null && conversation.counselor_id === accountId) return 'counselor';
  return undefined;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function callView(row: CallRow): CallView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    keyEpoch: row.key_epoch,
    kind: row.kind,
    status: row.status,
    proposedBy: row.proposed_by,
    endReason: row.end_reason,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    acceptedAt: iso(row.accepted_at),
    endedAt: iso(row.ended_at),
  };
}

/**
 * Consented calls (ARCHITECTURE.md §7): the assigned counselor of an active
 * conversation proposes an audio or video call; only when the help seeker accepts does
 * the media service get a room, and only the two of them get (single-use) join tokens.
 * Either hangs up, which closes the room for both. Start and end — never content —
 * are system events in the conversation; the chat goes on whatever the call does.
 */
export class CallsService implements ConversationCalls<EndedCalls> {
  private readonly now: () => Date;
  /** Static media service only: since when a running call's room could not be asked about. */
  private readonly unreachableSince = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly notifier: ChatNotifier,
    private readonly media: MediaNodes,
    private readonly settings: CallSettings,
    private readonly logger: Logger,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** Tells both parties (all their devices) about the call and the conversation's event. */
  private publish(conversation: ConversationRow, call: CallRow, event?: ChatMessage): void {
    const parties = [conversation.seeker_id, conversation.counselor_id];
    if (event) this.notifier.toAccounts(parties, 'chat:message', event);
    this.notifier.toAccounts(parties, 'call:updated', callView(call));
  }

  /** The call and its conversation, if the caller is one of the two; anyone else: 404. */
  private async participant(callId: string, accountId: string) {
    const call = await this.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
    const conversation = call && (await findConversation(this.db, call.conversation_id));
    const role = conversation && roleOf(conversation, accountId);
    if (!call || !conversation || !role) throw new NotFoundError('Call');
    return { call, conversation, role };
  }

  /**
   * Moves a call on under the conversation's lock, with a system event, and tells both
   * sides. `change` returns undefined when the call is not in a state it applies to.
   */
  private async transition(
    callId: string,
    from: CallRow['status'][],
    to: CallChange,
    actorId: string | null,
    event: SystemEvent | null,
  ): Promise<{ call: CallRow; changed: boolean }> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('calls')
        .select('conversation_id')
        .where('id', '=', callId)
        .executeTakeFirst();
      if (!current) throw new NotFoundError('Call');
      const conversation = (await lockConversation(trx, current.conversation_id))!;
      const call = await trx
        .selectFrom('calls')
        .selectAll()
        .where('id', '=', callId)
        .executeTakeFirstOrThrow();
      if (!from.includes(call.status)) return { conversation, call, changed: false, message: undefined };
      return {
        conversation,
        changed: true,
        ...(await this.apply(trx, conversation, callId, to, actorId, event)),
      };
    });
    if (outcome.changed) this.publish(outcome.conversation, outcome.call, outcome.message);
    return outcome;
  }

  /** The change itself, and its system event, in a transaction holding the conversation's lock. */
  private async apply(
    trx: Db,
    conversation: ConversationRow,
    callId: string,
    to: CallChange,
    actorId: string | null,
    event: SystemEvent | null,
  ): Promise<{ call: CallRow; message: ChatMessage | undefined }> {
    const now = this.now();
    const ended = to.status && to.status !== 'accepted';
    const call = await trx
      .updateTable('calls')
      .set({
        ...(to.status ? { status: to.status } : {}),
        ...(to.end_reason !== undefined ? { end_reason: to.end_reason } : {}),
        ...(to.room_id !== undefined ? { room_id: to.room_id } : {}),
        ...(to.media_node_id !== undefined ? { media_node_id: to.media_node_id } : {}),
        ...(to.accepted ? { accepted_at: now } : {}),
        ...(ended ? { ended_at: now } : {}),
      })
      .where('id', '=', callId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const message = event ? await appendEntry(trx, conversation, systemEntry(actorId, event)) : undefined;
    return { call, message };
  }

  /** A proposal past its time is expired (lazily here, and by the periodic job). */
  private async expireIfDue(call: CallRow): Promise<CallRow> {
    if (call.status !== 'proposed' || new Date(call.expires_at) > this.now()) return call;
    return (
      await this.transition(
        call.id,
        ['proposed'],
        { status: 'expired', end_reason: 'expired' },
        null,
        'call_ended',
      )
    ).call;
  }

  async propose(conversationId: string, counselorId: string, kind: CallKind): Promise<CallView> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const conversation = await lockConversation(trx, conversationId);
      const role = conversation && roleOf(conversation, counselorId);
      if (!conversation || !role) throw new NotFoundError('Conversation');
      if (role !== 'counselor')
        throw new ForbiddenError('Only the counselor of the conversation proposes a call', 'NOT_COUNSELOR');
      if (conversation.status !== 'active')
        throw new ConflictError(
          'CONVERSATION_NOT_ACTIVE',
          'Calls are possible in an active consultation only',
        );
      const now = this.now();
      await trx
        .updateTable('calls')
        .set({ status: 'expired', end_reason: 'expired', ended_at: now })
        .where('conversation_id', '=', conversationId)
        .where('status', '=', 'proposed')
        .where('expires_at', '<=', now)
        .execute();
      const open = await trx
        .selectFrom('calls')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .where('status', 'in', ['proposed', 'accepted'])
        .executeTakeFirst();
      if (open) throw new ConflictError('CALL_IN_PROGRESS', 'A call is already proposed or running');
      const last = await trx
        .selectFrom('calls')
        .select(({ fn }) => fn.max('seq').as('seq'))
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      const call = await trx
        .insertInto('calls')
        .values({
          id: randomUUID(),
          conversation_id: conversationId,
          seq: Number(last?.seq ?? 0) + 1,
          kind,
          status: 'proposed',
          key_epoch: conversation.key_epoch,
          proposed_by: counselorId,
          expires_at: new Date(now.getTime() + this.settings.proposalTtlSeconds * 1000),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const message = await appendEntry(trx, conversation, systemEntry(counselorId, 'call_proposed'));
      return { conversation, call, message };
    });
    this.publish(outcome.conversation, outcome.call, outcome.message);
    return callView(outcome.call);
  }

  async get(callId: string, accountId: string): Promise<CallView> {
    const { call } = await this.participant(callId, accountId);
    return callView(await this.expireIfDue(call));
  }

  async list(conversationId: string, accountId: string): Promise<CallView[]> {
    const conversation = await findConversation(this.db, conversationId);
    if (!conversation || !roleOf(conversation, accountId)) throw new NotFoundError('Conversation');
    const rows = await this.db
      .selectFrom('calls')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
    const calls = [];
    for (const row of rows) calls.push(callView(await this.expireIfDue(row)));
    return calls;
  }

  /** The help seeker agrees: a room on the media service, then both may fetch a token. */
  async accept(callId: string, seekerId: string): Promise<CallView> {
    const { call: found, role } = await this.participant(callId, seekerId);
    if (role !== 'seeker') throw new ForbiddenError('Only the help seeker accepts a call', 'NOT_SEEKER');
    const call = await this.expireIfDue(found);
    if (call.status === 'expired') throw new ConflictError('CALL_EXPIRED', 'The proposal has expired');
    if (call.status !== 'proposed')
      throw new ConflictError('CALL_NOT_PROPOSED', 'This call is not waiting for an answer');
    const roomId = `call-${call.id}`;
    let placement: MediaPlacement | undefined;
    let failure: unknown;
    // Least-loaded first; a node that does not answer (died since its last heartbeat)
    // is skipped for the next one — a few at most, the help seeker is waiting.
    for (const candidate of (await this.media.placements()).slice(0, 3)) {
      try {
        await candidate.control.createRoom(roomId);
        placement = candidate;
        break;
      } catch (error) {
        failure = error;
        this.logger.warn(
          { code: (error as AppError).code, mediaNode: candidate.nodeId },
          'media service unavailable for a new call',
        );
      }
    }
    if (!placement) {
      await this.transition(
        callId,
        ['proposed'],
        { status: 'ended', end_reason: 'media_unavailable' },
        null,
        'call_ended',
      );
      throw failure instanceof AppError ? failure : new MediaUnavailableError();
    }
    const outcome = await this.transition(
      callId,
      ['proposed'],
      { status: 'accepted', room_id: roomId, media_node_id: placement.nodeId, accepted: true },
      seekerId,
      'call_started',
    );
    if (!outcome.changed) {
      // Withdrawn or expired while the room was being made: the room goes again.
      await placement.control.closeRoom(roomId).catch(() => undefined);
      throw new ConflictError('CALL_NOT_PROPOSED', 'This call is not waiting for an answer');
    }
    return callView(outcome.call);
  }

  async decline(callId: string, seekerId: string): Promise<CallView> {
    const { call: found, role } = await this.participant(callId, seekerId);
    if (role !== 'seeker') throw new ForbiddenError('Only the help seeker declines a call', 'NOT_SEEKER');
    const call = await this.expireIfDue(found);
    if (call.status !== 'proposed')
      throw new ConflictError('CALL_NOT_PROPOSED', 'This call is not waiting for an answer');
    const outcome = await this.transition(
      callId,
      ['proposed'],
      { status: 'declined', end_reason: 'declined' },
      seekerId,
      'call_declined',
    );
    if (!outcome.changed)
      throw new ConflictError('CALL_NOT_PROPOSED', 'This call is not waiting for an answer');
    return callView(outcome.call);
  }

  /** A single-use join token for the caller (a new one per request, e.g. after a reload). */
  async join(callId: string, accountId: string): Promise<CallJoinInfo> {
    const { call } = await this.participant(callId, accountId);
    if (call.status !== 'accepted' || !call.room_id)
      throw new ConflictError('CALL_NOT_ACTIVE', 'This call is not running');
    try {
      // The node the room was placed on (a node that is gone: the liveness check ends the call).
      const control = await this.media.controlFor(call.media_node_id);
      if (!control) throw new MediaUnavailableError();
      const issued = await control.issueToken(call.room_id, accountId);
      return {
        signallingUrl: issued.signallingUrl,
        roomId: call.room_id,
        token: issued.token,
        expiresAt: issued.expiresAt,
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CALL_ROOM_GONE')
        await this.transition(
          callId,
          ['accepted'],
          { status: 'ended', end_reason: 'room_closed' },
          null,
          'call_ended',
        );
      throw error;
    }
  }

  /** Hang up (or withdraw a proposal): ends the call for both and closes its room. */
  async end(callId: string, accountId: string): Promise<CallView> {
    const { call } = await this.participant(callId, accountId);
    if (call.status !== 'proposed' && call.status !== 'accepted') return callView(call);
    const outcome = await this.transition(
      callId,
      ['proposed', 'accepted'],
      { status: 'ended', end_reason: call.status === 'accepted' ? 'hung_up' : 'withdrawn' },
      accountId,
      'call_ended',
    );
    if (outcome.changed && call.room_id) await this.closeRoom(call);
    return callView(outcome.call);
  }

  private async closeRoom(call: Pick<CallRow, 'room_id' | 'media_node_id'>): Promise<void> {
    if (!call.room_id) return;
    try {
      const control = await this.media.controlFor(call.media_node_id);
      await control?.closeRoom(call.room_id);
    } catch {
      // The media service is down: its rooms are gone with it (or close when idle).
      this.logger.warn('media service unavailable; call room not closed');
    }
  }

  /** The periodic job: proposals nobody answered in time expire. */
  async expireProposals(): Promise<number> {
    const due = await this.db
      .selectFrom('calls')
      .select('id')
      .where('status', '=', 'proposed')
      .where('expires_at', '<=', this.now())
      .execute();
    let expired = 0;
    for (const { id } of due) {
      const outcome = await this.transition(
        id,
        ['proposed'],
        { status: 'expired', end_reason: 'expired' },
        null,
        'call_ended',
      );
      if (outcome.changed) expired++;
    }
    return expired;
  }

  /**
   * The conversation moves (handover to a colleague, transfer to another center): its
   * open call ends with it, inside the move's transaction (the conversation is locked).
   */
  async endForMove(trx: Db, conversation: ConversationRow, actorId: string | null): Promise<EndedCalls> {
    const open = await trx
      .selectFrom('calls')
      .select('id')
      .where('conversation_id', '=', conversation.id)
      .where('status', 'in', ['proposed', 'accepted'])
      .execute();
    const ended: EndedCalls = { calls: [], events: [] };
    for (const { id } of open) {
      const change = { status: 'ended', end_reason: 'handed_over' } as const;
      const { call, message } = await this.apply(trx, conversation, id, change, actorId, 'call_ended');
      ended.calls.push(call);
      ended.events.push(message!);
    }
    return ended;
  }

  /** After the move's commit: everyone concerned hears of the end, the rooms close. */
  async afterMove(ended: EndedCalls, parties: Array<string | null>): Promise<void> {
    for (const event of ended.events) this.notifier.toAccounts(parties, 'chat:message', event);
    for (const call of ended.calls) {
      this.notifier.toAccounts(parties, 'call:updated', callView(call));
      await this.closeRoom(call);
    }
  }

  private async endRunning(call: CallRow, reason: CallEndReason): Promise<boolean> {
    const outcome = await this.transition(
      call.id,
      ['accepted'],
      { status: 'ended', end_reason: reason },
      null,
      'call_ended',
    );
    if (outcome.changed)
      this.logger.info(
        { callId: call.id, mediaNode: call.media_node_id, reason },
        'call ended by the media check',
      );
    return outcome.changed;
  }

  /**
   * The periodic media check: running calls whose node stopped heartbeating end with
   * media_failed, those whose room is gone with room_closed. A missing room in a
   * heartbeat is only a hint (the heartbeat may have been taken just before the room
   * was made): the node's control API confirms it. Calls on the static media service
   * (no registered node) are asked about directly.
   */
  async checkMedia(): Promise<number> {
    const running = await this.db.selectFrom('calls').selectAll().where('status', '=', 'accepted').execute();
    const seen = new Set(running.map((call) => call.id));
    for (const id of this.unreachableSince.keys()) if (!seen.has(id)) this.unreachableSince.delete(id);
    if (running.length === 0) return 0;
    const nodes = new Map((await this.media.all()).map((node) => [node.id, node]));
    let ended = 0;
    // One unanswered request to the static service stands for all its calls this round
    // (a service that does not answer must not cost a timeout per call).
    const staticService = { down: false };
    for (const call of running) {
      if (!call.room_id) continue;
      if (call.media_node_id === null) {
        ended += (await this.checkStatic(call, staticService)) ? 1 : 0;
        continue;
      }
      const node = nodes.get(call.media_node_id);
      if (!node || !this.media.isLive(node)) {
        if (await this.endRunning(call, 'media_failed')) {
          ended++;
          // Should the node still run (only its heartbeats get lost), its room goes too;
          // not awaited: a node that is really gone would hold up the check.
          void this.closeRoom(call);
        }
        continue;
      }
      const reportedAfterStart =
        call.accepted_at !== null && new Date(node.heartbeat_at) > new Date(call.accepted_at);
      if (!reportedAfterStart || listsRoom(node, call.room_id)) continue;
      const exists = await this.media
        .controlOf(node)
        .roomExists(call.room_id)
        .catch(() => true); // not answering while heartbeating: the heartbeats decide
      if (!exists && (await this.endRunning(call, 'room_closed'))) ended++;
    }
    return ended;
  }

  private async checkStatic(call: CallRow, service: { down: boolean }): Promise<boolean> {
    let exists: boolean | undefined;
    if (!service.down) {
      exists = await this.media.fallback.roomExists(call.room_id!).catch(() => undefined);
      service.down = exists === undefined;
    }
    if (exists !== undefined) {
      this.unreachableSince.delete(call.id);
      return !exists && this.endRunning(call, 'room_closed');
    }
    const now = this.now().getTime();
    const since = this.unreachableSince.get(call.id) ?? now;
    this.unreachableSince.set(call.id, since);
    if (now - since < this.media.timeoutMs) return false;
    this.unreachableSince.delete(call.id);
    return this.endRunning(call, 'media_failed');
  }
}
