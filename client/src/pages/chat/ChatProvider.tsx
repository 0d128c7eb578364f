import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { ConversationView } from '@beratung/shared';
import { useChatEvent, useSession } from '../../common/sdk/session';
import {
  applyConversationEvent,
  applyMessage,
  applyReceipt,
  markReadLocally,
  replaceConversations,
  unreadCount,
  upsertConversation,
} from './conversations';
// The chat's styles, loaded with the provider that every page has.
import './chat.css';

/**
 * inactive: nobody (or staff) is logged in; locked: a help seeker after a page reload,
 * keys not unwrapped yet; then the state of the real-time connection.
 */
export type ChatStatus = 'inactive' | 'locked' | 'connecting' | 'online' | 'offline';

/** Background work of the SDK that failed (catching up after a reconnect, renewing a key). */
export interface ChatProblem {
  event: string;
  code: string;
}

export interface ChatValue {
  status: ChatStatus;
  /** Online again after having been offline (for a screen-reader announcement). */
  reconnected: boolean;
  /** The logged-in help seeker (to tell own messages from the counselor's). */
  accountId: string | undefined;
  /** Own conversations, newest activity first; undefined while loading. */
  conversations: readonly ConversationView[] | undefined;
  listError: unknown;
  problem: ChatProblem | undefined;
  unreadTotal: number;
  /** Takes a freshly fetched or created conversation into the list. */
  adopt(view: ConversationView): void;
  /** Tells the server (and so the counselor) what has been read, then the list. */
  markRead(conversationId: string, seq: number): Promise<void>;
}

const ChatContext = createContext<ChatValue | undefined>(undefined);

/** State that belongs to one login: ignored once somebody else is logged in. */
interface Owned<T> {
  owner: string;
  value: T;
}

/** The value if it belongs to the current login. */
function ownedBy<T>(state: Owned<T> | undefined, owner: string | undefined): T | undefined {
  return owner !== undefined && state?.owner === owner ? state.value : undefined;
}

/**
 * The help seeker's chat for the whole app: connects the real-time socket once the keys
 * are unlocked, keeps the list of own conversations current from the events (the nav
 * shows the unread count on every page), and disconnects when the session ends.
 */
export function ChatProvider({ children }: { children: ReactNode }) {
  const { sdk, session, unlocked } = useSession();
  const seekerId =
    session?.stage === 'full' && session.account.kind === 'seeker' ? session.account.id : undefined;
  // Without unwrapped keys nothing could be decrypted: connect only after unlocking.
  const owner = seekerId && unlocked ? seekerId : undefined;

  const [connection, setConnection] = useState<Owned<{ connected: boolean; reconnected: boolean }>>();
  const [list, setList] = useState<Owned<readonly ConversationView[]>>();
  const [listError, setListError] = useState<Owned<unknown>>();
  const [problem, setProblem] = useState<Owned<ChatProblem>>();
  const [loadRound, setLoadRound] = useState(0);
  const ownerRef = useRef(owner);
  /** Ids in the loaded list; undefined while it loads. */
  const knownIds = useRef<ReadonlySet<string>>(undefined);
  const wasOffline = useRef(false);
  useEffect(() => {
    ownerRef.current = owner;
    const views = ownedBy(list, owner);
    knownIds.current = views ? new Set(views.map((view) => view.id)) : undefined;
  });

  useEffect(() => {
    if (!owner) return;
    let current = true;
    sdk.chatConnect().catch(() => {
      // Socket.IO keeps trying; the `connection` event reports when it is back.
      if (!current) return;
      wasOffline.current = true;
      setConnection({ owner, value: { connected: false, reconnected: false } });
    });
    return () => {
      current = false;
      void sdk.chatDisconnect().catch(() => undefined);
    };
  }, [sdk, owner]);

  useEffect(() => {
    if (!owner) return;
    let current = true;
    sdk.chatConversations().then(
      (views) => {
        if (!current) return;
        setList((previous) => ({
          owner,
          value: replaceConversations(previous?.owner === owner ? previous.value : [], views),
        }));
        setListError(undefined);
        // Follow every conversation from what the server has: later messages arrive as events.
        for (const view of views) void sdk.chatTrack(view.id, view.lastSeq).catch(() => undefined);
      },
      (error: unknown) => {
        if (current) setListError({ owner, value: error });
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, owner, loadRound]);

  const update = useCallback(
    (change: (views: readonly ConversationView[]) => readonly ConversationView[]) => {
      const current = ownerRef.current;
      if (!current) return;
      setList((previous) =>
        previous?.owner === current ? { owner: current, value: change(previous.value) } : previous,
      );
    },
    [],
  );

  useChatEvent('connection', ({ connected }) => {
    const current = ownerRef.current;
    if (!current) return;
    const reconnected = connected && wasOffline.current;
    setConnection({ owner: current, value: { connected, reconnected } });
    // Status changes (taken, archived) while offline came as events we missed: reload.
    if (reconnected) setLoadRound((round) => round + 1);
    wasOffline.current = !connected;
  });

  useChatEvent('conversation', (event) => update((views) => applyConversationEvent(views, event)));

  useChatEvent('message', (message) => {
    const me = ownerRef.current;
    if (!me) return;
    // A conversation started on another device: fetch the list to get its view.
    if (knownIds.current && !knownIds.current.has(message.conversationId)) setLoadRound((round) => round + 1);
    // (The SDK itself tells the counselor "zugestellt" for every message that arrives.)
    update((views) => applyMessage(views, message, me));
  });

  useChatEvent('receipt', (receipt) => {
    const me = ownerRef.current;
    if (me) update((views) => applyReceipt(views, receipt, me));
  });

  useChatEvent('error', (error) => {
    const current = ownerRef.current;
    if (current && (error.event === 'sync' || error.event === 'rekey'))
      setProblem({ owner: current, value: { event: error.event, code: error.code } });
  });

  const adopt = useCallback((view: ConversationView) => {
    const current = ownerRef.current;
    if (!current) return;
    setList((previous) => ({
      owner: current,
      value: upsertConversation(previous?.owner === current ? previous.value : [], view),
    }));
  }, []);

  const markRead = useCallback(
    async (conversationId: string, seq: number) => {
      await sdk.chatMarkRead(conversationId, seq);
      update((views) => markReadLocally(views, conversationId, seq));
    },
    [sdk, update],
  );

  const link = ownedBy(connection, owner);
  const status: ChatStatus = !seekerId
    ? 'inactive'
    : !unlocked
      ? 'locked'
      : !link
        ? 'connecting'
        : link.connected
          ? 'online'
          : 'offline';
  const conversations = ownedBy(list, owner);
  const currentListError = ownedBy(listError, owner);
  const currentProblem = ownedBy(problem, owner);

  const value = useMemo<ChatValue>(
    () => ({
      status,
      reconnected: status === 'online' && Boolean(link?.reconnected),
      accountId: seekerId,
      conversations,
      listError: currentListError,
      problem: currentProblem,
      unreadTotal: (conversations ?? []).reduce((sum, view) => sum + unreadCount(view), 0),
      adopt,
      markRead,
    }),
    [status, link, seekerId, conversations, currentListError, currentProblem, adopt, markRead],
  );
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}

export function useChat(): ChatValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error('useChat outside ChatProvider');
  return value;
}
