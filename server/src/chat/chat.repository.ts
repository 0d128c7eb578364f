import { sql, type Selectable } from 'kysely';
import type { ChatMessage, ConversationView, QueueItem } from '@beratung/shared';
import type { Db } from '../db/database';
import { PREPARED } from '../db/prepared';
import type { ConversationsTable, MessagesTable } from '../db/schema-chat';

export type ConversationRow = Selectable<ConversationsTable>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toChatMessage(row: Selectable<MessagesTable>): ChatMessage {
  return {
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    kind: row.kind,
    senderId: row.sender_id,
    clientMessageId: row.client_message_id,
    keyEpoch: row.key_epoch,
    nonce: row.nonce,
    ciphertext: row.ciphertext,
    event: row.event,
    createdAt: row.created_at.toISOString(),
  };
}

/** The conversation row, locked for the rest of the transaction. */
export async function lockConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function isCenterMember(db: Db, centerId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('account_id')
    .where('center_id', '=', centerId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Boolean(row);
}

type MessageEntry = Pick<
  Selectable<MessagesTable>,
  'kind' | 'sender_id' | 'client_message_id' | 'key_epoch' | 'nonce' | 'ciphertext' | 'event'
>;

/**
 * The CTE after the insert `m`: moves the conversation's counters to the new entry
 * (incl. what the sender's side wrote, which counts as read by them).
 */
const MOVE_COUNTERS = sql`moved as (
      update conversations mc
      set last_seq = m.seq,
          last_message_at = case when m.kind = 'message' then m.created_at else mc.last_message_at end,
          seeker_wrote_seq = case when m.sender_id = mc.seeker_id then m.seq else mc.seeker_wrote_seq end,
          staff_wrote_seq = case when m.sender_id <> mc.seeker_id then m.seq else mc.staff_wrote_seq end
      from m where mc.id = m.conversation_id
      returning mc.id
    )`;

/**
 * Appends a message or system event with the next server sequence number and moves the
 * conversation's counters (incl. what the sender's side wrote, which counts as read by
 * them) — one statement, because every message pays for each round trip. The caller
 * holds the conversation's row lock.
 * Returns undefined when the sender already stored a message with this client id.
 */
export async function appendMessage(
  trx: Db,
  conversation: ConversationRow,
  entry: MessageEntry,
): Promise<ChatMessage | undefined> {
  const seq = Number(conversation.last_seq) + 1;
  const result = await sql<Selectable<MessagesTable>>`
    with m as (
      insert into messages (conversation_id, seq, kind, sender_id, client_message_id, key_epoch, nonce, ciphertext, event)
      values (${conversation.id}, ${seq}, ${entry.kind}, ${entry.sender_id}, ${entry.client_message_id},
              ${entry.key_epoch}, ${entry.nonce}, ${entry.ciphertext}, ${entry.event})
      on conflict (conversation_id, sender_id, client_message_id) where client_message_id is not null do nothing
      returning *
    ), ${MOVE_COUNTERS}
    select * from m`.execute(trx);
  const row = result.rows[0];
  if (!row) return undefined;
  conversation.last_seq = seq;
  return toChatMessage(row);
}

/**
 * The common case of a message in one statement — its own transaction, one round trip:
 * lock the conversation row if the sender may write into it right now (one of its two
 * people, not archived, no rekey pending, the current key epoch), append with the next
 * sequence number and move the counters. Concurrent writers queue on the row lock and
 * each sees the sequence number the one before committed. Undefined when any of that
 * does not hold or the client message id was used before: the careful path (a
 * transaction that reads first) then says why, reopens, or returns the stored message.
 */
export async function appendMessageNow(
  db: Db,
  conversationId: string,
  entry: MessageEntry & { sender_id: string; kind: 'message' },
): Promise<{ message: ChatMessage; parties: [string, string | null] } | undefined> {
  const result = await sql<
    Selectable<MessagesTable> & { party_seeker_id: string; party_counselor_id: string | null }
  >`${PREPARED}
    with c as (
      select id, last_seq, seeker_id, counselor_id from conversations
      where id = ${conversationId}::uuid and status <> 'archived' and rekey_min_team_epoch is null
        and key_epoch = ${entry.key_epoch}::integer
        and (seeker_id = ${entry.sender_id}::uuid or counselor_id = ${entry.sender_id}::uuid)
      for update
    ), m as (
      insert into messages (conversation_id, seq, kind, sender_id, client_message_id, key_epoch, nonce, ciphertext, event)
      select c.id, c.last_seq + 1, 'message', ${entry.sender_id}::uuid, ${entry.client_message_id}::uuid,
             ${entry.key_epoch}::integer, ${entry.nonce}::text, ${entry.ciphertext}::text, null
      from c
      on conflict (conversation_id, sender_id, client_message_id) where client_message_id is not null do nothing
      returning *
    ), ${MOVE_COUNTERS}
    select m.*, c.seeker_id as party_seeker_id, c.counselor_id as party_counselor_id from m cross join c`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const { party_seeker_id, party_counselor_id, ...message } = row;
  return { message: toChatMessage(message), parties: [party_seeker_id, party_counselor_id] };
}

/** The message a sender already stored under a client message id, if any. */
export async function storedByClientId(
  db: Db,
  conversationId: string,
  senderId: string,
  clientMessageId: string,
): Promise<ChatMessage | undefined> {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('sender_id', '=', senderId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
  return row ? toChatMessage(row) : undefined;
}

/** An entry that cannot collide (a system event, a conversation's first message). */
export async function appendEntry(
  trx: Db,
  conversation: ConversationRow,
  entry: MessageEntry,
): Promise<ChatMessage> {
  const stored = await appendMessage(trx, conversation, entry);
  if (!stored) throw new Error('an entry without a client message id was not stored');
  return stored;
}

export interface ReceiptInput {
  conversationId: string;
  accountId: string;
  deliveredSeq: number;
  readSeq: number;
}

export type ReceiptOutcome =
  | { moved: true; deliveredSeq: number; readSeq: number; parties: [string, string | null] }
  | { moved: false }
  | undefined;

/** PostgreSQL spells a uuid in lower case; a client may not. */
const receiptKey = (r: { conversationId: string; accountId: string }) =>
  `${r.conversationId.toLowerCase()}/${r.accountId.toLowerCase()}`;

/**
 * Moves parties' delivered/read positions forward (never back, never past the last
 * message) — one statement for many receipts, on the relaxed pool (see
 * DatabaseHandle.relaxed): losing a receipt in a crash costs a re-sent receipt, nothing
 * more. The party check is part of the statement, row by row.
 *
 * Answers each receipt in order: `moved` with the new positions; `moved: false` when the
 * positions were already there (and for a repeat of an earlier receipt of the same
 * person and conversation in this call, which the first one answers for); undefined when
 * the account is neither the help seeker nor the counselor of the conversation.
 */
export async function advanceReceipts(relaxed: Db, receipts: ReceiptInput[]): Promise<ReceiptOutcome[]> {
  // One row per person and conversation (a row may be updated only once per statement),
  // in key order, so that concurrent statements lock receipt rows in the same order.
  const merged = new Map<string, ReceiptInput>();
  for (const receipt of receipts) {
    const key = receiptKey(receipt);
    const earlier = merged.get(key);
    merged.set(
      key,
      earlier
        ? {
            ...earlier,
            deliveredSeq: Math.max(earlier.deliveredSeq, receipt.deliveredSeq),
            readSeq: Math.max(earlier.readSeq, receipt.readSeq),
          }
        : { ...receipt, conversationId: receipt.conversationId.toLowerCase() },
    );
  }
  const rows = [...merged].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, receipt]) => receipt);
  const result = await sql<{
    conversation_id: string;
    account_id: string;
    delivered_seq: number | null;
    read_seq: number | null;
    seeker_id: string;
    counselor_id: string | null;
  }>`${PREPARED}
    with i as (
      select * from unnest(
        ${rows.map((r) => r.conversationId)}::uuid[], ${rows.map((r) => r.accountId)}::uuid[],
        ${rows.map((r) => r.deliveredSeq)}::bigint[], ${rows.map((r) => r.readSeq)}::bigint[]
      ) with ordinality as i(conversation_id, account_id, delivered_seq, read_seq, n)
    ), c as (
      select i.n, i.conversation_id, i.account_id, conv.seeker_id, conv.counselor_id,
             least(greatest(i.delivered_seq, i.read_seq), conv.last_seq) as delivered_seq,
             least(i.read_seq, conv.last_seq) as read_seq
      from i join conversations conv
        on conv.id = i.conversation_id and (conv.seeker_id = i.account_id or conv.counselor_id = i.account_id)
    ), r as (
      insert into conversation_receipts as cr (conversation_id, account_id, delivered_seq, read_seq)
      select conversation_id, account_id, delivered_seq, read_seq from c order by n
      on conflict (conversation_id, account_id) do update
        set delivered_seq = greatest(cr.delivered_seq, excluded.delivered_seq),
            read_seq = greatest(cr.read_seq, excluded.read_seq)
        where excluded.delivered_seq > cr.delivered_seq or excluded.read_seq > cr.read_seq
      returning cr.conversation_id, cr.account_id, cr.delivered_seq, cr.read_seq
    )
    select c.conversation_id, c.account_id, r.delivered_seq, r.read_seq, c.seeker_id, c.counselor_id
    from c left join r on r.conversation_id = c.conversation_id and r.account_id = c.account_id`.execute(
    relaxed,
  );
  const outcomes = new Map<string, ReceiptOutcome>();
  for (const row of result.rows)
    outcomes.set(
      receiptKey({ conversationId: row.conversation_id, accountId: row.account_id }),
      row.delivered_seq === null || row.read_seq === null
        ? { moved: false }
        : {
            moved: true,
            deliveredSeq: Number(row.delivered_seq),
            readSeq: Number(row.read_seq),
            parties: [row.seeker_id, row.counselor_id],
          },
    );
  const answered = new Set<string>();
  return receipts.map((receipt) => {
    const key = receiptKey(receipt);
    const outcome = outcomes.get(key);
    if (!outcome || !answered.has(key)) {
      answered.add(key);
      return outcome;
    }
    return { moved: false };
  });
}

/**
 * Stores conversation keys sealed to one recipient: an account (the help seeker, a
 * counselor taking over, a colleague) or a center team key epoch (inquiries, rekeys).
 */
export async function storeSealedKeys(
  trx: Db,
  conversationId: string,
  recipient: { accountId: string } | { teamEpoch: number },
  sealed: Array<{ keyEpoch: number; sealedKey: string }>,
): Promise<void> {
  const toAccount = 'accountId' in recipient;
  for (const { keyEpoch, sealedKey } of sealed) {
    await trx
      .insertInto('conversation_keys')
      .values({
        conversation_id: conversationId,
        key_epoch: keyEpoch,
        account_id: toAccount ? recipient.accountId : null,
        team_epoch: toAccount ? null : recipient.teamEpoch,
        sealed_key: sealedKey,
      })
      .onConflict((oc) =>
        oc
          .columns(['conversation_id', 'key_epoch', toAccount ? 'account_id' : 'team_epoch'])
          .where(toAccount ? 'account_id' : 'team_epoch', 'is not', null)
          .doUpdateSet({ sealed_key: sealedKey }),
      )
      .execute();
  }
}

/**
 * The PREPARED marker for a view query whose text is fixed: no list of ids, or a list of
 * one (several ids make a list of varying length). Planning these joins took longer than
 * running them (3 against 0.2 ms).
 */
const preparedIfFixed = (ids: string[] | undefined) =>
  ids === undefined || ids.length === 1 ? PREPARED : sql``;

/**
 * Conversations as one viewer sees them: with the keys sealed to that viewer (or, for
 * the team view of the queue, to the team key) and both sides' receipts.
 */
export async function conversationViews(
  db: Db,
  viewerId: string,
  filter: { ids?: string[]; seekerId?: string; counselorId?: string; status?: string; queueOf?: string },
  asTeam = false,
): Promise<ConversationView[]> {
  let query = db
    .selectFrom('conversations as c')
    .modifyFront(preparedIfFixed(filter.ids))
    .innerJoin('centers as center', 'center.id', 'c.center_id')
    .innerJoin('accounts as seeker', 'seeker.id', 'c.seeker_id')
    .leftJoin('accounts as counselor', 'counselor.id', 'c.counselor_id')
    .leftJoin('centers as transfer', 'transfer.id', 'c.transfer_center_id')
    .leftJoin('conversation_receipts as mine', (join) =>
      join.onRef('mine.conversation_id', '=', 'c.id').on('mine.account_id', '=', viewerId),
    )
    .leftJoin('conversation_receipts as peer', (join) =>
      join
        .onRef('peer.conversation_id', '=', 'c.id')
        .on(({ eb, ref }) =>
          eb(
            'peer.account_id',
            '=',
            eb
              .case()
              .when(ref('c.seeker_id'), '=', viewerId)
              .then(ref('c.counselor_id'))
              .else(ref('c.seeker_id'))
              .end(),
          ),
        ),
    )
    .select([
      'c.id',
      'c.center_id',
      'center.name as center_name',
      'c.topic',
      'c.status',
      'c.seeker_id',
      'seeker.display_name as seeker_name',
      'c.counselor_id',
      'counselor.display_name as counselor_name',
      'counselor.chat_absent as counselor_absent',
      'counselor.chat_absence_message as counselor_absence_message',
      'c.team_epoch',
      'c.key_epoch',
      'c.last_seq',
      'c.rekey_min_team_epoch',
      'c.transfer_center_id',
      'transfer.name as transfer_center_name',
      'c.created_at',
      'c.taken_at',
      'c.archived_at',
      'c.last_message_at',
      'mine.read_seq as my_read',
      'peer.read_seq as peer_read',
      'peer.delivered_seq as peer_delivered',
      'c.seeker_wrote_seq',
      'c.staff_wrote_seq',
    ]);
  if (filter.ids) query = query.where('c.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.seekerId) query = query.where('c.seeker_id', '=', filter.seekerId);
  if (filter.counselorId) query = query.where('c.counselor_id', '=', filter.counselorId);
  if (filter.status) query = query.where('c.status', '=', filter.status as ConversationRow['status']);
  if (filter.queueOf)
    query = query.where('c.center_id', '=', filter.queueOf).where('c.status', '=', 'waiting');
  const rows = await query.orderBy('c.created_at', filter.queueOf ? 'asc' : 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const keys = await db
    .selectFrom('conversation_keys')
    .modifyFront(preparedIfFixed(ids))
    .select(['conversation_id', 'key_epoch', 'sealed_key', 'team_epoch'])
    .where('conversation_id', 'in', ids)
    .where((eb) => (asTeam ? eb('team_epoch', 'is not', null) : eb('account_id', '=', viewerId)))
    .orderBy('key_epoch')
    .execute();
  const notes = await db
    .selectFrom('conversation_handovers')
    .modifyFront(preparedIfFixed(ids))
    .select(['conversation_id', 'sealed_note'])
    .where('conversation_id', 'in', ids)
    .where('to_account_id', '=', viewerId)
    .orderBy('id', 'desc')
    .execute();
  /** true when the viewer is the help seeker of the row's conversation */
  const viewerIsSeeker = (row: { seeker_id: string }) => row.seeker_id === viewerId;
  return rows.map((row) => ({
    id: row.id,
    centerId: row.center_id,
    centerName: row.center_name,
    topic: row.topic,
    status: row.status,
    seekerId: row.seeker_id,
    seekerName: row.seeker_name,
    counselorId: row.counselor_id,
    counselorName: row.counselor_name,
    teamEpoch: row.team_epoch,
    keyEpoch: row.key_epoch,
    lastSeq: Number(row.last_seq),
    createdAt: row.created_at.toISOString(),
    takenAt: iso(row.taken_at),
    archivedAt: iso(row.archived_at),
    lastMessageAt: iso(row.last_message_at),
    sealedKeys: keys
      .filter((k) => k.conversation_id === row.id)
      .map((k) => ({ keyEpoch: k.key_epoch, sealedKey: k.sealed_key, teamEpoch: k.team_epoch })),
    needsRekey: row.rekey_min_team_epoch !== null,
    // What a side wrote itself counts as read (and delivered) by that side.
    readSeq: Math.max(
      Number(row.my_read ?? 0),
      Number(viewerIsSeeker(row) ? row.seeker_wrote_seq : row.staff_wrote_seq),
    ),
    peerReadSeq: Math.max(
      Number(row.peer_read ?? 0),
      Number(viewerIsSeeker(row) ? row.staff_wrote_seq : row.seeker_wrote_seq),
    ),
    peerDeliveredSeq: Math.max(
      Number(row.peer_delivered ?? 0),
      Number(viewerIsSeeker(row) ? row.staff_wrote_seq : row.seeker_wrote_seq),
    ),
    handOverNote: notes.find((n) => n.conversation_id === row.id)?.sealed_note ?? null,
    counselorAbsent: row.counselor_absent ?? false,
    transferCenterId: row.transfer_center_id,
    transferCenterName: row.transfer_center_name ?? null,
    counselorAbsenceMessage: row.counselor_absent ? (row.counselor_absence_message ?? null) : null,
  }));
}

/** The queue of a center: waiting inquiries, oldest first, each with its first message. */
export async function queueItems(
  db: Db,
  centerId: string,
  viewerId: string,
  /** only these inquiries (one that just arrived) instead of the whole queue */
  ids?: string[],
): Promise<QueueItem[]> {
  const views = await conversationViews(db, viewerId, { queueOf: centerId, ids }, true);
  if (views.length === 0) return [];
  const firsts = await db
    .selectFrom('messages')
    .selectAll()
    .where(
      'conversation_id',
      'in',
      views.map((v) => v.id),
    )
    .where('seq', '=', 1)
    .execute();
  return views.map((view) => {
    const first = firsts.find((m) => m.conversation_id === view.id);
    return { ...view, firstMessage: first ? toChatMessage(first) : null };
  });
}

export async function messagePage(
  db: Db,
  conversationId: string,
  range: { after?: number; before?: number; limit: number },
): Promise<{ messages: ChatMessage[]; more: boolean }> {
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  // `before` pages backwards through history (newest first, returned in order);
  // otherwise forwards from `after` (catching up after a reconnect).
  if (range.before !== undefined) {
    query = query.where('seq', '<', range.before).orderBy('seq', 'desc');
  } else {
    query = query.where('seq', '>', range.after ?? 0).orderBy('seq', 'asc');
  }
  const rows = await query.limit(range.limit + 1).execute();
  const more = rows.length > range.limit;
  const page = rows.slice(0, range.limit).map(toChatMessage);
  if (range.before !== undefined) page.reverse();
  return { messages: page, more };
}
