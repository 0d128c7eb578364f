import { useCallback, useEffect, useState } from 'react';
import type { CallView } from '@beratung/shared';
import { useChatEvent, useSession } from '../sdk/session';
import { applyCallEvent, isOpen, type CallState } from './call-state';

export interface ConversationCall extends CallState {
  /** Takes the answer of an action (propose, accept, end) before its event arrives. */
  adopt(call: CallView): void;
}

/**
 * The call of one conversation, live: loaded once (an open proposal or a running call
 * survives a reload), then kept current by the `call` events of the chat socket. A
 * proposal past its time is fetched again, which expires it.
 */
export function useConversationCall(conversationId: string): ConversationCall {
  const { sdk } = useSession();
  // Kept with the conversation it belongs to: another conversation starts empty.
  const [stored, setStored] = useState<CallState & { conversationId: string }>({
    conversationId,
    open: undefined,
    ended: undefined,
  });
  const state: CallState =
    stored.conversationId === conversationId ? stored : { open: undefined, ended: undefined };
  const adopt = useCallback(
    (call: CallView) =>
      setStored((previous) => {
        const current =
          previous.conversationId === conversationId ? previous : { open: undefined, ended: undefined };
        return { conversationId, ...applyCallEvent(current, conversationId, call) };
      }),
    [conversationId],
  );

  useEffect(() => {
    let cancelled = false;
    sdk.chatCalls(conversationId).then(
      (calls) => {
        const open = calls.find(isOpen);
        if (!cancelled && open) adopt(open);
      },
      // Without the list the page still follows the live events.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [sdk, conversationId, adopt]);

  useChatEvent('call', adopt);

  const proposal = state.open?.status === 'proposed' ? state.open : undefined;
  useEffect(() => {
    if (!proposal) return;
    const due = new Date(proposal.expiresAt).getTime() - Date.now();
    const timer = setTimeout(
      () => {
        sdk.chatCalls(conversationId).then(
          (calls) => {
            const current = calls.find((c) => c.id === proposal.id);
            if (current) adopt(current);
          },
          () => undefined,
        );
      },
      Math.max(0, due) + 1000,
    );
    return () => clearTimeout(timer);
  }, [sdk, conversationId, proposal, adopt]);

  return { open: state.open, ended: state.ended, adopt };
}
