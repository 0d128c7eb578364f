import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase } from '../../test/support/database';
import { advanceReceipts } from './chat.repository';

/** Rows written directly: the statement under test needs accounts and conversations, no keys. */
async function account(handle: DatabaseHandle, login: string): Promise<string> {
  const kdf = { alg: 'argon2id13' as const, opslimit: 2, memlimit: 67108864, salt: 'c2FsdA' };
  const row = await handle.db
    .insertInto('accounts')
    .values({
      kind: 'seeker',
      login,
      display_name: login,
      email: null,
      auth_hash: 'unused',
      kdf: JSON.stringify(kdf),
      box_public_key: 'unused',
      sign_public_key: 'unused',
      key_signature: 'unused',
      wrapped_keys: JSON.stringify({ nonce: 'unused', ciphertext: 'unused' }),
      recovery: JSON.stringify(null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('advanceReceipts: many receipts in one statement', () => {
  let handle: DatabaseHandle;
  let seeker: string;
  let counselor: string;
  let stranger: string;
  let conversation: string;
  let other: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    [seeker, counselor, stranger] = (await Promise.all(
      ['seeker', 'counselor', 'stranger'].map((login) => account(handle, `receipts-${login}`)),
    )) as [string, string, string];
    const center = await handle.db
      .insertInto('centers')
      .values({ organisation: 'Test e. V.', name: 'Receipts', offers_online_chat: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    const conversations = await handle.db
      .insertInto('conversations')
      .values(
        [seeker, stranger].map((seekerId) => ({
          center_id: center.id,
          seeker_id: seekerId,
          counselor_id: counselor,
          topic: 'alkohol',
          status: 'active' as const,
          team_epoch: 1,
          last_seq: 5,
        })),
      )
      .returning('id')
      .execute();
    [conversation, other] = conversations.map((c) => c.id) as [string, string];
  });
  afterAll(() => handle.close());

  const stored = (accountId: string, conversationId = conversation) =>
    handle.db
      .selectFrom('conversation_receipts')
      .select(['delivered_seq', 'read_seq'])
      .where('conversation_id', '=', conversationId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();

  it('answers each receipt in order, checking each party on its own row', async () => {
    const outcomes = await advanceReceipts(handle.db, [
      { conversationId: conversation, accountId: seeker, deliveredSeq: 3, readSeq: 0 },
      { conversationId: conversation, accountId: counselor, deliveredSeq: 0, readSeq: 2 },
      // Someone else's conversation, and one that does not exist: no answer, nothing stored.
      { conversationId: conversation, accountId: stranger, deliveredSeq: 1, readSeq: 1 },
      { conversationId: crypto.randomUUID(), accountId: seeker, deliveredSeq: 1, readSeq: 0 },
      { conversationId: other, accountId: counselor, deliveredSeq: 4, readSeq: 0 },
    ]);
    expect(outcomes).toEqual([
      { moved: true, deliveredSeq: 3, readSeq: 0, parties: [seeker, counselor] },
      { moved: true, deliveredSeq: 2, readSeq: 2, parties: [seeker, counselor] },
      undefined,
      undefined,
      { moved: true, deliveredSeq: 4, readSeq: 0, parties: [stranger, counselor] },
    ]);
    expect(await stored(stranger)).toBeUndefined();
    expect(await stored(counselor, other)).toEqual({ delivered_seq: 4, read_seq: 0 });
  });

  it('merges repeats of one person and conversation (any spelling of the id): the first answers', async () => {
    const outcomes = await advanceReceipts(handle.db, [
      { conversationId: conversation, accountId: seeker, deliveredSeq: 4, readSeq: 0 },
      { conversationId: conversation.toUpperCase(), accountId: seeker, deliveredSeq: 0, readSeq: 9 },
    ]);
    // Read 9 is past the last message (5): both marks stop there.
    expect(outcomes).toEqual([
      { moved: true, deliveredSeq: 5, readSeq: 5, parties: [seeker, counselor] },
      { moved: false },
    ]);
    expect(await stored(seeker)).toEqual({ delivered_seq: 5, read_seq: 5 });
  });

  it('never moves a mark back, and says so', async () => {
    expect(
      await advanceReceipts(handle.db, [
        { conversationId: conversation, accountId: seeker, deliveredSeq: 1, readSeq: 1 },
      ]),
    ).toEqual([{ moved: false }]);
    expect(await stored(seeker)).toEqual({ delivered_seq: 5, read_seq: 5 });
  });

  it('runs side by side with itself on overlapping rows', async () => {
    const batches = Array.from({ length: 6 }, (_, i) =>
      advanceReceipts(handle.db, [
        { conversationId: other, accountId: stranger, deliveredSeq: i, readSeq: 0 },
        { conversationId: other, accountId: counselor, deliveredSeq: 5 - i, readSeq: 5 - i },
      ]),
    );
    await Promise.all(batches);
    expect(await stored(stranger, other)).toEqual({ delivered_seq: 5, read_seq: 0 });
    expect(await stored(counselor, other)).toEqual({ delivered_seq: 5, read_seq: 5 });
  });
});
