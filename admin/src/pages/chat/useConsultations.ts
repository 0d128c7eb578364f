import { useEffect, useState } from 'react';
import type { ConversationView } from '@beratung/shared';
import { useChatEvent, useSession } from '@common/sdk/session';
import { useChatConnection } from './ChatConnection';
import {
  byLastActivity,
  listWithConversation,
  viewWithMessage,
  viewWithReceipt,
  type ConsultationStatus,
} from './model';

/**
 * This counselor's consultations of a center in one status (Meine Beratungen: active,
 * Archiv: archived), live: a new message moves the last activity and the unread count,
 * a take-over, handover, archive or reopening moves a consultation in or out.
 */
export function useConsultations(centerId: string, status: ConsultationStatus) {
  const { sdk, session } = useSession();
  const me = session?.account.id;
  const connected = useChatConnection() === 'connected';
  const [list, setList] = useState<ConversationView[]>();
  const [failure, setFailure] = useState<unknown>();

  // Loaded again when the connection comes back: changes meanwhile were not announced.
  useEffect(() => {
    let active = true;
    sdk.chatConversations(status).then(
      (all) => {
        if (!active) return;
        setList(all.filter((c) => c.centerId === centerId && c.counselorId === me).sort(byLastActivity));
        setFailure(undefined);
      },
      (error: unknown) => active && setFailure(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, centerId, status, me, connected]);

  useChatEvent('conversation', (event) =>
    setList((known) => known && listWithConversation(known, event, { me, centerId, status })),
  );
  useChatEvent('message', (message) =>
    setList((known) => known && known.map((view) => viewWithMessage(view, message, me)).sort(byLastActivity)),
  );
  useChatEvent('receipt', (receipt) =>
    setList((known) => known && known.map((view) => viewWithReceipt(view, receipt, me))),
  );

  return { list, failure };
}
