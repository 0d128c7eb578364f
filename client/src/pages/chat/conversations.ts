import type { ChatEventMap, ConversationView, DecryptedMessage } from '@beratung/shared';

/**
 * The help seeker's list of conversations as pure functions over a plain array, so the
 * provider's state updates stay small and can be tested without a browser. Every
 * function returns a new array, or the same one when nothing changed (no re-render).
 */

/** Unread messages: everything after the own read mark (system notices count too). */
export function unreadCount(view: Pick<ConversationView, 'lastSeq' | 'readSeq'>): number {
  return Math.max(0, view.lastSeq - view.readSeq);
}

/** When something last happened in a conversation: the newest message, else its start. */
export function lastActivity(view: Pick<ConversationView, 'lastMessageAt' | 'createdAt'>): string {
  return view.lastMessageAt ?? view.createdAt;
}

/** Newest activity first; ISO timestamps of the server compare as strings. */
export function sortByActivity(list: readonly ConversationView[]): ConversationView[] {
  return [...list].sort((a, b) => lastActivity(b).localeCompare(lastActivity(a)) || b.id.localeCompare(a.id));
}

/**
 * A fresher view of one conversation replaces the old one. Read marks only move
 * forward: a view fetched before a receipt arrived must not move them back.
 */
export function upsertConversation(
  list: readonly ConversationView[],
  view: ConversationView,
): readonly ConversationView[] {
  const old = list.find((c) => c.id === view.id);
  const merged = old
    ? {
        ...view,
        lastSeq: Math.max(old.lastSeq, view.lastSeq),
        readSeq: Math.max(old.readSeq, view.readSeq),
        peerReadSeq: Math.max(old.peerReadSeq, view.peerReadSeq),
        peerDeliveredSeq: Math.max(old.peerDeliveredSeq, view.peerDeliveredSeq),
        lastMessageAt: laterOf(old.lastMessageAt, view.lastMessageAt),
      }
    : view;
  return sortByActivity([...list.filter((c) => c.id !== view.id), merged]);
}

/**
 * A freshly loaded list replaces the old one: conversations gone from the server are
 * dropped, read marks of the others only move forward.
 */
export function replaceConversations(
  list: readonly ConversationView[],
  fresh: readonly ConversationView[],
): readonly ConversationView[] {
  const kept = list.filter((old) => fresh.some((view) => view.id === old.id));
  return fresh.reduce<readonly ConversationView[]>((result, view) => upsertConversation(result, view), kept);
}

export function removeConversation(
  list: readonly ConversationView[],
  id: string,
): readonly ConversationView[] {
  return list.some((c) => c.id === id) ? list.filter((c) => c.id !== id) : list;
}

/** A `conversation` event: a new state of one conversation, or its deletion. */
export function applyConversationEvent(
  list: readonly ConversationView[],
  event: ChatEventMap['conversation'],
): readonly ConversationView[] {
  return 'deleted' in event ? removeConversation(list, event.id) : upsertConversation(list, event);
}

/**
 * A new message moves the conversation up. What one writes oneself counts as read
 * (also when written on another device).
 */
export function applyMessage(
  list: readonly ConversationView[],
  message: Pick<DecryptedMessage, 'conversationId' | 'seq' | 'senderId' | 'createdAt'>,
  ownAccountId: string,
): readonly ConversationView[] {
  const view = list.find((c) => c.id === message.conversationId);
  if (!view || message.seq <= view.lastSeq) return list;
  const own = message.senderId === ownAccountId;
  return sortByActivity([
    ...list.filter((c) => c.id !== view.id),
    {
      ...view,
      lastSeq: message.seq,
      lastMessageAt: laterOf(view.lastMessageAt, message.createdAt),
      readSeq: own ? Math.max(view.readSeq, message.seq) : view.readSeq,
    },
  ]);
}

/** A receipt: the own marks (from another device) or the counselor's. */
export function applyReceipt(
  list: readonly ConversationView[],
  receipt: ChatEventMap['receipt'],
  ownAccountId: string,
): readonly ConversationView[] {
  if (!list.some((view) => view.id === receipt.conversationId)) return list;
  return list.map((view) => {
    if (view.id !== receipt.conversationId) return view;
    if (receipt.accountId === ownAccountId)
      return { ...view, readSeq: Math.max(view.readSeq, receipt.readSeq) };
    return {
      ...view,
      peerReadSeq: Math.max(view.peerReadSeq, receipt.readSeq),
      peerDeliveredSeq: Math.max(view.peerDeliveredSeq, receipt.deliveredSeq),
    };
  });
}

/** Marks the conversation read up to `seq` in the list (after markRead went through). */
export function markReadLocally(
  list: readonly ConversationView[],
  id: string,
  seq: number,
): readonly ConversationView[] {
  if (!list.some((view) => view.id === id && view.readSeq < seq)) return list;
  return list.map((view) => (view.id === id && view.readSeq < seq ? { ...view, readSeq: seq } : view));
}

function laterOf(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
