import { describe, expect, it } from 'vitest';
import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import {
  applyConversationEvent,
  applyMessage,
  applyReceipt,
  markReadLocally,
  replaceConversations,
  sortByActivity,
  unreadCount,
  upsertConversation,
} from '../src/pages/chat/conversations';
import { MAX_MESSAGE_BYTES, mergeMessages, messageBytes } from '../src/pages/chat/messages';
import { nextPath, withNext } from '../src/pages/returnTo';

const me = '00000000-0000-4000-8000-000000000001';
const counselor = '00000000-0000-4000-8000-000000000002';

function view(id: string, overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id,
    centerId: '00000000-0000-4000-8000-0000000000c1',
    centerName: 'Suchtberatung',
    topic: 'alkohol',
    status: 'waiting',
    seekerId: me,
    seekerName: 'Sonnenblume',
    counselorId: null,
    counselorName: null,
    teamEpoch: 1,
    keyEpoch: 1,
    lastSeq: 1,
    createdAt: '2026-03-01T10:00:00.000Z',
    takenAt: null,
    archivedAt: null,
    lastMessageAt: '2026-03-01T10:00:00.000Z',
    sealedKeys: [],
    needsRekey: false,
    readSeq: 1,
    peerReadSeq: 0,
    peerDeliveredSeq: 0,
    handOverNote: null,
    counselorAbsent: false,
    counselorAbsenceMessage: null,
    transferCenterId: null,
    transferCenterName: null,
    ...overrides,
  };
}

function message(seq: number, overrides: Partial<DecryptedMessage> = {}): DecryptedMessage {
  return {
    conversationId: 'a',
    seq,
    kind: 'message',
    senderId: counselor,
    clientMessageId: `m${seq}`,
    event: null,
    createdAt: `2026-03-02T10:00:${String(seq).padStart(2, '0')}.000Z`,
    text: `Nachricht ${seq}`,
    ...overrides,
  };
}

describe('Meine Beratungen list', () => {
  it('counts unread messages after the own read mark and sorts by newest activity', () => {
    expect(unreadCount({ lastSeq: 5, readSeq: 2 })).toBe(3);
    expect(unreadCount({ lastSeq: 2, readSeq: 5 })).toBe(0);
    const older = view('a', { lastMessageAt: '2026-03-01T09:00:00.000Z' });
    const newer = view('b', { lastMessageAt: '2026-03-02T09:00:00.000Z' });
    const fresh = view('c', { lastMessageAt: null, createdAt: '2026-03-03T09:00:00.000Z' });
    expect(sortByActivity([older, newer, fresh]).map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });

  it("moves a conversation up on a message; one's own messages count as read", () => {
    const list = sortByActivity([
      view('a', { lastMessageAt: '2026-03-01T09:00:00.000Z' }),
      view('b', { lastMessageAt: '2026-03-01T12:00:00.000Z' }),
    ]);
    const fromCounselor = applyMessage(list, message(2), me);
    expect(fromCounselor.map((c) => c.id)).toEqual(['a', 'b']);
    expect(unreadCount(fromCounselor[0]!)).toBe(1);
    const own = applyMessage(fromCounselor, message(3, { senderId: me }), me);
    expect(own[0]).toMatchObject({ lastSeq: 3, readSeq: 3 });
    // An older or repeated message changes nothing (and keeps the same array).
    expect(applyMessage(own, message(2), me)).toBe(own);
  });

  it('takes receipts: the counselor marks, or the own marks from another device', () => {
    const list = [view('a', { lastSeq: 4, readSeq: 1 })];
    const peer = applyReceipt(
      list,
      { conversationId: 'a', accountId: counselor, deliveredSeq: 4, readSeq: 3 },
      me,
    );
    expect(peer[0]).toMatchObject({ peerReadSeq: 3, peerDeliveredSeq: 4, readSeq: 1 });
    const own = applyReceipt(peer, { conversationId: 'a', accountId: me, deliveredSeq: 4, readSeq: 4 }, me);
    expect(own[0]).toMatchObject({ readSeq: 4, peerReadSeq: 3 });
    expect(markReadLocally(own, 'a', 2)).toBe(own);
    expect(markReadLocally(own, 'x', 9)).toBe(own);
  });

  it('takes a new conversation state, a deletion, and keeps read marks moving forward', () => {
    const list = [view('a', { readSeq: 3, peerReadSeq: 2, lastSeq: 3 })];
    const taken = applyConversationEvent(
      list,
      view('a', { status: 'active', counselorName: 'Anna', readSeq: 1, lastSeq: 2 }),
    );
    expect(taken[0]).toMatchObject({
      status: 'active',
      counselorName: 'Anna',
      readSeq: 3,
      peerReadSeq: 2,
      lastSeq: 3,
    });
    expect(applyConversationEvent(taken, { id: 'a', deleted: true })).toEqual([]);
    expect(upsertConversation([], view('n')).map((c) => c.id)).toEqual(['n']);
  });

  it('replaces the list with a fresh one, dropping deleted conversations', () => {
    const list = [view('a', { readSeq: 5, lastSeq: 5 }), view('gone')];
    const fresh = replaceConversations(list, [view('a', { readSeq: 2, lastSeq: 5 }), view('new')]);
    expect(fresh.map((c) => c.id).sort()).toEqual(['a', 'new']);
    expect(fresh.find((c) => c.id === 'a')!.readSeq).toBe(5);
  });
});

describe('conversation log', () => {
  it('keeps one entry per sequence number, in order, whatever arrives first', () => {
    const first = mergeMessages([], [message(3), message(1)]);
    expect(first.map((m) => m.seq)).toEqual([1, 3]);
    const more = mergeMessages(first, [message(2), message(3, { text: 'Kopie' })]);
    expect(more.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(more[2]!.text).toBe('Nachricht 3');
    expect(mergeMessages(more, [message(2)])).toBe(more);
  });

  it('measures the 8 KiB limit in UTF-8 bytes', () => {
    expect(MAX_MESSAGE_BYTES).toBe(8192);
    expect(messageBytes('Hallo')).toBe(5);
    expect(messageBytes('Grüße')).toBe(7);
    expect(messageBytes('🙂')).toBe(4);
  });
});

describe('return after login', () => {
  it('follows only paths of this app', () => {
    const search = (next: string) => new URLSearchParams({ next });
    expect(nextPath(search('/finder/abc/beratung'))).toBe('/finder/abc/beratung');
    expect(nextPath(search('//evil.example'))).toBeUndefined();
    expect(nextPath(search('https://evil.example'))).toBeUndefined();
    expect(nextPath(new URLSearchParams())).toBeUndefined();
    expect(withNext('/login', '/beratung/neu')).toBe('/login?next=%2Fberatung%2Fneu');
    expect(nextPath(new URLSearchParams(withNext('/login', '/beratung/neu').split('?')[1]))).toBe(
      '/beratung/neu',
    );
  });
});
