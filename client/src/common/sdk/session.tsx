import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChatEventMap, SessionView } from '@beratung/shared';
import { SdkBridge } from './bridge';
import type { RemoteSdk } from './protocol';

export interface SessionState {
  sdk: RemoteSdk;
  /** undefined while the first session check runs; null when nobody is logged in. */
  session: SessionView | null | undefined;
  unlocked: boolean;
  /** Set when the server ended the session (idle timeout, logout elsewhere). */
  expired: boolean;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

let bridge: SdkBridge | undefined;

/** One worker per page, created on first use. */
function sharedBridge(): SdkBridge {
  bridge ??= new SdkBridge();
  return bridge;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const b = sharedBridge();
  const [state, setState] = useState<Omit<SessionState, 'sdk'>>({
    session: undefined,
    unlocked: false,
    expired: false,
  });

  useEffect(() => {
    const off = b.onState(({ session, unlocked, expired }) =>
      setState((previous) => ({
        session: session ?? null,
        unlocked,
        // "expired" stays until someone logs in again.
        expired: expired || (previous.expired && !session),
      })),
    );
    b.sdk
      .currentSession()
      .catch(() => setState((previous) => ({ ...previous, session: previous.session ?? null })));
    return off;
  }, [b]);

  const value = useMemo(() => ({ ...state, sdk: b.sdk }), [state, b]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * Subscribes to a real-time chat event for the lifetime of the component. The listener
 * may change between renders; the subscription does not.
 */
export function useChatEvent<K extends keyof ChatEventMap>(
  event: K,
  listener: (value: ChatEventMap[K]) => void,
): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => sharedBridge().onChat(event, (value) => latest.current(value)), [event]);
}
