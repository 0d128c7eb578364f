import { describe, expect, it } from 'vitest';
import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import {
  authorOf,
  deliveryOf,
  formatFileSize,
  listWithConversation,
  mergeMessages,
  newerView,
  queueWith,
  unreadCount,
  utf8Bytes,
  viewWithMessage,
  viewWithReceipt,
  waitingTime,
} from '../src/pages/chat/model';

const ME = '00000000-0000-4000-8000-000000000001';
const SEEKER = '00000000-0000-4000-8000-000000000002';
const COLLEAGUE = '00000000-0000-4000-8000-000000000003';
const CENTER = '00000000-0000-4000-8000-00000000000c';

function view(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: 'c1',
    centerId: CENTER,
    centerName: 'Suchtberatung',
    topic: 'alkohol',
    status: 'active',
    seekerId: SEEKER,
    seekerName: 'Sonnenblume',
    counselorId: ME,
    counselorName: 'Ich',
    teamEpoch: 1,
    keyEpoch: 1,
    lastSeq: 3,
    createdAt: '2026-03-01T10:00:00.000Z',
    takenAt: '2026-03-01T10:05:00.000Z',
    archivedAt: null,
    lastMessageAt: '2026-03-01T10:06:00.000Z',
    sealedKeys: [],
    needsRekey: false,
    readSeq: 2,
    peerReadSeq: 1,
    peerDeliveredSeq: 2,
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
    conversationId: 'c1',
    seq,
    kind: 'message',
    senderId: SEEKER,
    clientMessageId: `m${seq}`,
    event: null,
    createdAt: `2026-03-01T10:${String(10 + seq).padStart(2, '0')}:00.000Z`,
    text: `Nachricht ${seq}`,
    ...overrides,
  };
}

describe('message log', () => {
  it('keeps each sequence number once, in order, whatever order copies arrive in', () => {
    const merged = mergeMessages([message(2), message(4)], [message(3), message(2), message(1)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const same = [message(1)];
    expect(mergeMessages(same, [])).toBe(same);
  });

  it('tells who wrote a message and how far the help seeker got with own ones', () => {
    const v = view();
    expect(authorOf(message(1), v, ME)).toBe('seeker');
    expect(authorOf(message(2, { senderId: ME }), v, ME)).toBe('me');
    expect(authorOf(message(3, { senderId: COLLEAGUE }), v, ME)).toBe('colleague');
    expect(deliveryOf(message(1), v)).toBe('read');
    expect(deliveryOf(message(2), v)).toBe('delivered');
    expect(deliveryOf(message(3), v)).toBe('sent');
  });

  it('counts bytes, not characters', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('Grüße')).toBe(7);
    expect(utf8Bytes('🙂')).toBe(4);
  });
});

describe('live counters', () => {
  it('a message moves the last sequence and activity; own ones count as read', () => {
    const v = view({ lastSeq: 3, readSeq: 2 });
    const fromSeeker = viewWithMessage(v, message(4), ME);
    expect(fromSeeker).toMatchObject({ lastSeq: 4, readSeq: 2, lastMessageAt: message(4).createdAt });
    expect(unreadCount(fromSeeker)).toBe(2);
    const own = viewWithMessage(fromSeeker, message(5, { senderId: ME }), ME);
    expect(own).toMatchObject({ lastSeq: 5, readSeq: 5 });
    expect(unreadCount(own)).toBe(0);
    const notice = viewWithMessage(v, message(6, { kind: 'system', event: 'archived', text: undefined }), ME);
    expect(notice.lastMessageAt).toBe(v.lastMessageAt);
    expect(viewWithMessage(v, message(9, { conversationId: 'other' }), ME)).toBe(v);
  });

  it('a receipt moves the reader’s own position or the other side’s, never back', () => {
    const v = view({ readSeq: 2, peerReadSeq: 1, peerDeliveredSeq: 2 });
    expect(
      viewWithReceipt(v, { conversationId: 'c1', accountId: ME, readSeq: 3, deliveredSeq: 3 }, ME).readSeq,
    ).toBe(3);
    expect(
      viewWithReceipt(v, { conversationId: 'c1', accountId: SEEKER, readSeq: 3, deliveredSeq: 3 }, ME),
    ).toMatchObject({ peerReadSeq: 3, peerDeliveredSeq: 3, readSeq: 2 });
    expect(
      viewWithReceipt(v, { conversationId: 'c1', accountId: SEEKER, readSeq: 0, deliveredSeq: 0 }, ME),
    ).toMatchObject({ peerReadSeq: 1, peerDeliveredSeq: 2 });
  });

  it('an older view does not move counters back', () => {
    const known = view({ lastSeq: 5, readSeq: 5, lastMessageAt: '2026-03-01T11:00:00.000Z' });
    const stale = view({ lastSeq: 4, readSeq: 3, status: 'archived' });
    expect(newerView(known, stale)).toMatchObject({
      lastSeq: 5,
      readSeq: 5,
      status: 'archived',
      lastMessageAt: '2026-03-01T11:00:00.000Z',
    });
  });
});

describe('lists', () => {
  const scope = { me: ME, centerId: CENTER, status: 'active' as const };

  it('a consultation comes into Meine Beratungen when taken, and leaves when archived or handed over', () => {
    const older = view({ id: 'c0', lastMessageAt: '2026-03-01T09:00:00.000Z' });
    const taken = listWithConversation([older], view(), scope);
    expect(taken.map((c) => c.id)).toEqual(['c1', 'c0']);
    expect(listWithConversation(taken, view({ status: 'archived' }), scope).map((c) => c.id)).toEqual(['c0']);
    expect(listWithConversation(taken, view({ counselorId: COLLEAGUE }), scope).map((c) => c.id)).toEqual([
      'c0',
    ]);
    expect(listWithConversation(taken, { id: 'c1', deleted: true }, scope).map((c) => c.id)).toEqual(['c0']);
    expect(listWithConversation(taken, view({ centerId: 'elsewhere' }), scope).map((c) => c.id)).toEqual([
      'c0',
    ]);
    expect(
      listWithConversation([], view({ status: 'archived' }), { ...scope, status: 'archived' }).map(
        (c) => c.id,
      ),
    ).toEqual(['c1']);
  });

  it('the queue is oldest first, each inquiry once', () => {
    const a = {
      ...view({ id: 'a', status: 'waiting', createdAt: '2026-03-01T10:00:00.000Z' }),
      firstMessage: null,
    };
    const b = {
      ...view({ id: 'b', status: 'waiting', createdAt: '2026-03-01T09:00:00.000Z' }),
      firstMessage: null,
    };
    const queue = queueWith(queueWith([], a), b);
    expect(queue.map((q) => q.id)).toEqual(['b', 'a']);
    expect(queueWith(queue, { ...a, firstText: 'jetzt lesbar' }).map((q) => [q.id, q.firstText])).toEqual([
      ['b', undefined],
      ['a', 'jetzt lesbar'],
    ]);
  });
});

describe('waiting time', () => {
  const since = '2026-03-01T10:00:00.000Z';
  const at = (minutes: number) => new Date(since).getTime() + minutes * 60_000;
  it('says it in the unit a person would use', () => {
    expect(waitingTime(since, at(0.5))).toEqual({ unit: 'justNow' });
    expect(waitingTime(since, at(-1))).toEqual({ unit: 'justNow' });
    expect(waitingTime(since, at(12))).toEqual({ unit: 'minutes', minutes: 12 });
    expect(waitingTime(since, at(59))).toEqual({ unit: 'minutes', minutes: 59 });
    expect(waitingTime(since, at(60))).toEqual({ unit: 'hours', hours: 1 });
    expect(waitingTime(since, at(24 * 60 - 1))).toEqual({ unit: 'hours', hours: 23 });
    expect(waitingTime(since, at(24 * 60))).toEqual({ unit: 'day' });
    expect(waitingTime(since, at(3 * 24 * 60))).toEqual({ unit: 'days', days: 3 });
  });
});

describe('file size', () => {
  it('is shown in KB below a megabyte and in MB from there, in the reader’s language', () => {
    expect(formatFileSize(40, 'de')).toBe('1 KB');
    expect(formatFileSize(850 * 1024, 'de')).toBe('850 KB');
    expect(formatFileSize(2.4 * 1024 * 1024, 'de')).toBe('2,4 MB');
    expect(formatFileSize(2.4 * 1024 * 1024, 'en')).toBe('2.4 MB');
  });
});
