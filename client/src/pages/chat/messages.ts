import { MAX_MESSAGE_PLAINTEXT_BYTES, type DecryptedMessage } from '@beratung/shared';

/** The limit the SDK enforces before encrypting (8 KiB of UTF-8, not characters). */
export const MAX_MESSAGE_BYTES = MAX_MESSAGE_PLAINTEXT_BYTES;

const encoder = new TextEncoder();

/** UTF-8 size: umlauts take two bytes, most emoji four. */
export function messageBytes(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Adds messages to a conversation's log: one entry per sequence number, in order. The
 * same message may come from a history page, the send acknowledgement and the live
 * event; whichever arrives first stays.
 */
export function mergeMessages(
  log: readonly DecryptedMessage[],
  incoming: readonly DecryptedMessage[],
): readonly DecryptedMessage[] {
  const bySeq = new Map<number, DecryptedMessage>();
  for (const message of log) bySeq.set(message.seq, message);
  let changed = false;
  for (const message of incoming) {
    if (bySeq.has(message.seq)) continue;
    bySeq.set(message.seq, message);
    changed = true;
  }
  if (!changed) return log;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The local calendar day of a timestamp ("2026-03-05"), for the day separators. */
export function dayOf(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
