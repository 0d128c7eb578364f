import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationView, DecryptedMessage } from '@beratung/shared';
import { useChatEvent, useSession } from '../../common/sdk/session';
import { useChat } from './ChatProvider';
import { mergeMessages } from './messages';

/** Messages per history page (first view and each "earlier messages"). */
export const HISTORY_PAGE = 50;

/** How long "schreibt …" stays without news: a lost "stopped typing" must not stick. */
const TYPING_TIMEOUT_MS = 8000;

export interface ConversationState {
  /** The current view (status, counselor, read marks), kept fresh by the chat provider. */
  view: ConversationView | undefined;
  messages: readonly DecryptedMessage[];
  failure: unknown;
  /** Deleted (on another device) while open. */
  deleted: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderFailure: unknown;
  loadOlder(): void;
  peerTyping: boolean;
  /** The counselor's newest message that arrived while the page was open (to announce it). */
  incoming: DecryptedMessage | undefined;
  /** Takes an own message the server acknowledged into the log. */
  sent(message: DecryptedMessage): void;
}

/**
 * One conversation for its page: the newest history page, live messages (merged by
 * sequence, so a message from the acknowledgement, the event and a history page shows
 * once), earlier pages on demand, the counselor's typing, and read marks while visible.
 */
export function useConversation(conversationId: string): ConversationState {
  const { sdk } = useSession();
  const { conversations, adopt, markRead, status, accountId } = useChat();
  const [fetched, setFetched] = useState<ConversationView>();
  const [messages, setMessages] = useState<readonly DecryptedMessage[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [deleted, setDeleted] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderFailure, setOlderFailure] = useState<unknown>();
  const [peerTyping, setPeerTyping] = useState(false);
  const [incoming, setIncoming] = useState<DecryptedMessage>();
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let current = true;
    (async () => {
      const view = await sdk.chatConversation(conversationId);
      if (!current) return;
      setFetched(view);
      adopt(view);
      const page = await sdk.chatHistory(conversationId, { before: view.lastSeq + 1, limit: HISTORY_PAGE });
      if (!current) return;
      setMessages((log) => mergeMessages(log, page.messages));
      setHasOlder(page.more);
      // Everything after the newest message seen arrives as events, also after a reconnect.
      await sdk.chatTrack(conversationId, view.lastSeq);
    })().catch((error: unknown) => {
      if (current) setFailure(error);
    });
    return () => {
      current = false;
    };
  }, [sdk, conversationId, adopt]);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  useChatEvent('message', (message) => {
    if (message.conversationId !== conversationId) return;
    setMessages((log) => mergeMessages(log, [message]));
    if (message.kind === 'message' && message.senderId !== accountId) {
      setPeerTyping(false);
      setIncoming(message);
    }
  });

  useChatEvent('conversation', (event) => {
    if (event.id === conversationId && 'deleted' in event) setDeleted(true);
  });

  useChatEvent('typing', (event) => {
    if (event.conversationId !== conversationId || event.accountId === accountId) return;
    setPeerTyping(event.typing);
    clearTimeout(typingTimer.current);
    if (event.typing) typingTimer.current = setTimeout(() => setPeerTyping(false), TYPING_TIMEOUT_MS);
  });

  const view = conversations?.find((c) => c.id === conversationId) ?? fetched;

  // Read up to the newest message while the page is visible (and again when it becomes so).
  const newest = messages.at(-1)?.seq ?? 0;
  const readSeq = view?.readSeq ?? 0;
  useEffect(() => {
    if (status !== 'online' || newest <= readSeq) return;
    const mark = () => {
      if (document.visibilityState === 'visible')
        void markRead(conversationId, newest).catch(() => undefined);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [status, newest, readSeq, conversationId, markRead]);

  const oldest = messages[0]?.seq;
  const loadOlder = useCallback(() => {
    if (oldest === undefined || loadingOlder) return;
    setLoadingOlder(true);
    setOlderFailure(undefined);
    sdk.chatHistory(conversationId, { before: oldest, limit: HISTORY_PAGE }).then(
      (page) => {
        setMessages((log) => mergeMessages(log, page.messages));
        setHasOlder(page.more);
        setLoadingOlder(false);
      },
      (error: unknown) => {
        setOlderFailure(error);
        setLoadingOlder(false);
      },
    );
  }, [sdk, conversationId, oldest, loadingOlder]);

  const sent = useCallback(
    (message: DecryptedMessage) => {
      setMessages((log) => mergeMessages(log, [message]));
      // Writing means having read everything before: the server learns it too.
      void markRead(conversationId, message.seq).catch(() => undefined);
    },
    [conversationId, markRead],
  );

  return {
    view,
    messages,
    failure,
    deleted,
    hasOlder,
    loadingOlder,
    olderFailure,
    loadOlder,
    peerTyping,
    incoming,
    sent,
  };
}
