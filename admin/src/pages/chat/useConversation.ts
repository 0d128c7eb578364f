import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import { useChatEvent, useSession } from '@common/sdk/session';
import { useChatConnection } from './ChatConnection';
import { mergeMessages, newerView, viewWithMessage, viewWithReceipt } from './model';

const PAGE_SIZE = 50;
/** A typing indicator whose "stopped" got lost goes away by itself after this long. */
const TYPING_TIMEOUT_MS = 10_000;

/**
 * One conversation as the counselor sees it, live: the view (status, receipts), the
 * newest page of decrypted messages and older pages on request, whether the help
 * seeker is typing, and whether the conversation was deleted meanwhile. Messages are
 * marked read while the page is visible.
 */
export function useConversation(conversationId: string) {
  const { sdk, session } = useSession();
  const me = session?.account.id;
  const connected = useChatConnection() === 'connected';
  const [view, setView] = useState<ConversationView>();
  const [messages, setMessages] = useState<DecryptedMessage[]>([]);
  const [olderExist, setOlderExist] = useState(false);
  const [loadError, setLoadError] = useState<unknown>();
  const [deleted, setDeleted] = useState(false);
  const [peerTyping, setPeerTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let active = true;
    (async () => {
      const loaded = await sdk.chatConversation(conversationId);
      // The newest page: everything before the sequence after the last one.
      const page = await sdk.chatHistory(conversationId, { before: loaded.lastSeq + 1, limit: PAGE_SIZE });
      // From here on the SDK delivers each later message once, also after a reconnect.
      await sdk.chatTrack(conversationId, page.messages.at(-1)?.seq ?? loaded.lastSeq);
      if (!active) return;
      setView((known) => newerView(known, loaded));
      setMessages((known) => mergeMessages(known, page.messages));
      setOlderExist(page.more);
    })().catch((error: unknown) => active && setLoadError(error));
    return () => {
      active = false;
    };
  }, [sdk, conversationId]);

  // Back online: receipts and status may have changed meanwhile (the SDK fetches missed messages).
  useEffect(() => {
    if (!connected) return;
    let active = true;
    sdk.chatConversation(conversationId).then(
      (fresh) => active && setView((known) => known && newerView(known, fresh)),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [sdk, conversationId, connected]);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  useChatEvent('message', (message) => {
    if (message.conversationId !== conversationId) return;
    setMessages((known) => mergeMessages(known, [message]));
    setView((known) => known && viewWithMessage(known, message, me));
    if (message.senderId !== me) setPeerTyping(false);
  });
  useChatEvent('conversation', (event) => {
    if (event.id !== conversationId) return;
    if ('deleted' in event) setDeleted(true);
    else setView((known) => newerView(known, event));
  });
  useChatEvent('receipt', (receipt) => setView((known) => known && viewWithReceipt(known, receipt, me)));
  useChatEvent('typing', ({ conversationId: id, accountId, typing }) => {
    if (id !== conversationId || accountId === me) return;
    setPeerTyping(typing);
    clearTimeout(typingTimer.current);
    if (typing) typingTimer.current = setTimeout(() => setPeerTyping(false), TYPING_TIMEOUT_MS);
  });

  const lastShown = messages.at(-1)?.seq ?? 0;
  const assigned = view !== undefined && view.counselorId === me;
  const readUpTo = view?.readSeq ?? 0;
  useEffect(() => {
    if (!assigned || !connected || deleted || lastShown <= readUpTo) return;
    // Read means seen: only while the page is in front (the receipt moves readUpTo on).
    const markRead = () => {
      if (document.visibilityState === 'visible')
        sdk.chatMarkRead(conversationId, lastShown).catch(() => undefined);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [sdk, conversationId, assigned, connected, deleted, lastShown, readUpTo]);

  const firstShown = messages[0]?.seq;
  const loadOlder = useCallback(async () => {
    if (firstShown === undefined) return;
    const page = await sdk.chatHistory(conversationId, { before: firstShown, limit: PAGE_SIZE });
    setMessages((known) => mergeMessages(known, page.messages));
    setOlderExist(page.more);
  }, [sdk, conversationId, firstShown]);

  /** A message this page sent (its own copy may also come as an event; merged by sequence). */
  const sent = useCallback(
    (message: DecryptedMessage) => {
      setMessages((known) => mergeMessages(known, [message]));
      setView((known) => known && viewWithMessage(known, message, me));
    },
    [me],
  );

  return {
    view,
    messages,
    olderExist,
    loadError,
    deleted,
    peerTyping,
    assigned,
    me,
    loadOlder,
    sent,
    /** A newer view from an action's answer (archive). */
    updated: (next: ConversationView) => setView((known) => newerView(known, next)),
  };
}
