import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useChatEvent, useSession } from '@common/sdk/session';

/**
 * - `off`: nobody logged in, or the keys are still locked after a reload
 * - `connecting`: the first connection is being made
 * - `connected`: messages and the queue arrive in real time
 * - `interrupted`: the connection was lost; Socket.IO keeps trying to get it back
 */
export type ChatConnectionState = 'off' | 'connecting' | 'connected' | 'interrupted';

const ChatConnectionContext = createContext<ChatConnectionState>('off');

/**
 * Keeps the chat socket open while a staff member is logged in with unlocked keys,
 * on every page: the socket is also how this app learns that a colleague needs the
 * team key (the SDK hands it on by itself, see maintainTeamKeys). With locked keys
 * (after a reload) nothing could be decrypted or handed on, so it waits for the password.
 * Logging out closes it (the SDK does, and so does this when the session is gone).
 */
export function ChatConnectionProvider({ children }: { children: ReactNode }) {
  const { sdk, session, unlocked } = useSession();
  const accountId = session?.stage === 'full' && unlocked ? session.account.id : undefined;
  // One object per connection made (per login and unlock), so that what the previous
  // connection reported is not taken for this one's.
  const attempt = useMemo(() => (accountId ? { accountId } : undefined), [accountId]);
  const [reported, setReported] = useState<{ attempt: object; connected: boolean }>();

  useEffect(() => {
    if (!attempt) return;
    let current = true;
    sdk.chatConnect().then(
      () => current && setReported({ attempt, connected: true }),
      // Refused (e.g. the session ended meanwhile): shown as interrupted.
      () => current && setReported({ attempt, connected: false }),
    );
    return () => {
      current = false;
      void sdk.chatDisconnect().catch(() => undefined);
    };
  }, [attempt, sdk]);

  useChatEvent('connection', ({ connected }) => {
    if (attempt) setReported({ attempt, connected });
  });

  let state: ChatConnectionState = 'off';
  if (attempt && reported?.attempt !== attempt) state = 'connecting';
  else if (attempt) state = reported?.connected ? 'connected' : 'interrupted';
  return <ChatConnectionContext.Provider value={state}>{children}</ChatConnectionContext.Provider>;
}

export function useChatConnection(): ChatConnectionState {
  return useContext(ChatConnectionContext);
}
