import {
  MAX_MESSAGE_PLAINTEXT_BYTES,
  type ChatEventMap,
  type ConversationView,
  type DecryptedMessage,
  type DecryptedQueueItem,
} from '@beratung/shared';

/**
 * The pure part of the counselor's chat pages: how lists and message logs take in what
 * arrives in real time. Events may come twice or out of order (a reconnect fetches what
 * was missed, a view may be older than a message already seen), so everything merges
 * by sequence number and keeps the newest counters.
 */

export type ConsultationStatus = 'active' | 'archived';

/** The size limit of a message's plaintext (the SDK refuses more with MESSAGE_TOO_LONG). */
export const MAX_MESSAGE_BYTES = MAX_MESSAGE_PLAINTEXT_BYTES;
/**
 * The handover note is sealed to the colleague and may be at most 4000 base64
 * characters: 3000 bytes minus the 48 bytes of sealing; this leaves room to spare.
 */
export const MAX_NOTE_BYTES = 2000;

const encoder = new TextEncoder();

/** UTF-8 bytes of a text: the limit counts bytes, and umlauts or emoji take more than one. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Messages by sequence number, each once; a later copy of the same seq replaces the earlier. */
export function mergeMessages(known: DecryptedMessage[], incoming: DecryptedMessage[]): DecryptedMessage[] {
  if (incoming.length === 0) return known;
  const bySeq = new Map(known.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** A newer view of a conversation, without moving counters back (events may overtake each other). */
export function newerView(known: ConversationView | undefined, next: ConversationView): ConversationView {
  if (!known || known.id !== next.id) return next;
  return {
    ...next,
    lastSeq: Math.max(known.lastSeq, next.lastSeq),
    readSeq: Math.max(known.readSeq, next.readSeq),
    peerReadSeq: Math.max(known.peerReadSeq, next.peerReadSeq),
    peerDeliveredSeq: Math.max(known.peerDeliveredSeq, next.peerDeliveredSeq),
    lastMessageAt: later(known.lastMessageAt, next.lastMessageAt),
  };
}

/** What a message changes in the view of its conversation: the last sequence, the last activity. */
export function viewWithMessage(
  view: ConversationView,
  message: DecryptedMessage,
  me: string | undefined,
): ConversationView {
  if (view.id !== message.conversationId) return view;
  return {
    ...view,
    lastSeq: Math.max(view.lastSeq, message.seq),
    // The server counts what someone writes as read by them.
    readSeq: message.senderId && message.senderId === me ? Math.max(view.readSeq, message.seq) : view.readSeq,
    lastMessageAt:
      message.kind === 'message' ? later(view.lastMessageAt, message.createdAt) : view.lastMessageAt,
  };
}

/** What a receipt changes: the reader's own position, or the other side's. */
export function viewWithReceipt(
  view: ConversationView,
  receipt: ChatEventMap['receipt'],
  me: string | undefined,
): ConversationView {
  if (view.id !== receipt.conversationId) return view;
  if (receipt.accountId === me) return { ...view, readSeq: Math.max(view.readSeq, receipt.readSeq) };
  return {
    ...view,
    peerReadSeq: Math.max(view.peerReadSeq, receipt.readSeq),
    peerDeliveredSeq: Math.max(view.peerDeliveredSeq, receipt.deliveredSeq),
  };
}

/** Entries this counselor has not read yet (messages and notices alike). */
export function unreadCount(view: ConversationView): number {
  return Math.max(0, view.lastSeq - view.readSeq);
}

/** When something last happened in a consultation. */
export function lastActivity(view: ConversationView): string {
  return view.lastMessageAt ?? view.takenAt ?? view.createdAt;
}

/** Meine Beratungen and Archiv: most recent activity first. */
export function byLastActivity(a: ConversationView, b: ConversationView): number {
  return lastActivity(b).localeCompare(lastActivity(a));
}

/**
 * A consultations list after a conversation event: it stays or comes in while it is
 * this counselor's, of this center and in the list's status; otherwise it leaves
 * (archived, reopened, handed over, deleted).
 */
export function listWithConversation(
  list: ConversationView[],
  event: ChatEventMap['conversation'],
  scope: { me: string | undefined; centerId: string; status: ConsultationStatus },
): ConversationView[] {
  const rest = list.filter((c) => c.id !== event.id);
  if ('deleted' in event) return rest;
  const belongs =
    event.counselorId === scope.me && event.centerId === scope.centerId && event.status === scope.status;
  if (!belongs) return rest;
  const known = list.find((c) => c.id === event.id);
  return [...rest, newerView(known, event)].sort(byLastActivity);
}

/** Erstanfragen: oldest first, each once (a new copy replaces the old, e.g. decrypted now). */
export function queueWith(queue: DecryptedQueueItem[], item: DecryptedQueueItem): DecryptedQueueItem[] {
  return [...queue.filter((q) => q.id !== item.id), item].sort(byWaitingSince);
}

export function byWaitingSince(a: { createdAt: string }, b: { createdAt: string }): number {
  return a.createdAt.localeCompare(b.createdAt);
}

export type WaitingTime =
  | { unit: 'justNow' }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number }
  | { unit: 'day' }
  | { unit: 'days'; days: number };

/** How long an inquiry has been waiting, in the unit a person would say it in. */
export function waitingTime(since: string, now: number): WaitingTime {
  const minutes = Math.floor((now - new Date(since).getTime()) / 60_000);
  if (minutes < 1) return { unit: 'justNow' };
  if (minutes < 60) return { unit: 'minutes', minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', hours };
  const days = Math.floor(hours / 24);
  return days === 1 ? { unit: 'day' } : { unit: 'days', days };
}

/** Who wrote a message, as the counselor reading it sees it. */
export type Author = 'me' | 'seeker' | 'colleague';

export function authorOf(message: DecryptedMessage, view: ConversationView, me: string | undefined): Author {
  if (message.senderId && message.senderId === me) return 'me';
  if (message.senderId === view.seekerId) return 'seeker';
  // Written by a counselor before a handover (or before they left the center).
  return 'colleague';
}

/** How far the help seeker got with one of the counselor's own messages. */
export function deliveryOf(message: DecryptedMessage, view: ConversationView): 'read' | 'delivered' | 'sent' {
  if (message.seq <= view.peerReadSeq) return 'read';
  if (message.seq <= view.peerDeliveredSeq) return 'delivered';
  return 'sent';
}

/** A file size as people read it: "850 KB", "2,4 MB". */
export function formatFileSize(bytes: number, locale: 'de' | 'en'): string {
  const number = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${number.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${number.format(bytes / (1024 * 1024))} MB`;
}
