import { useCallback, useEffect, useRef, useState } from 'react';
import type { DecryptedQueueItem } from '@beratung/shared';
import { useChatEvent, useSession } from '@common/sdk/session';
import { useChatConnection } from './ChatConnection';
import { byWaitingSince, queueWith } from './model';

type QueueChange = { added: DecryptedQueueItem } | { removed: string };

function applyChange(queue: DecryptedQueueItem[], change: QueueChange): DecryptedQueueItem[] {
  return 'added' in change ? queueWith(queue, change.added) : queue.filter((q) => q.id !== change.removed);
}

/**
 * The Erstanfragen of a center, live: loaded once, then kept current by the queue
 * events. It loads again when the connection comes back (events were missed) and when
 * the team key work ran (an inquiry that showed NO_KEY may be readable now).
 */
export function useInquiryQueue(centerId: string) {
  const { sdk } = useSession();
  const connected = useChatConnection() === 'connected';
  const [queue, setQueue] = useState<DecryptedQueueItem[]>();
  const [failure, setFailure] = useState<unknown>();
  const [reloads, setReloads] = useState(0);
  // Events that arrive while a load is on its way are applied to its answer as well.
  const duringLoad = useRef<QueueChange[] | undefined>(undefined);

  useEffect(() => {
    let active = true;
    duringLoad.current = [];
    sdk.chatQueue(centerId).then(
      (items) => {
        if (!active) return;
        setQueue((duringLoad.current ?? []).reduce(applyChange, [...items].sort(byWaitingSince)));
        duringLoad.current = undefined;
        setFailure(undefined);
      },
      (error: unknown) => active && setFailure(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, centerId, reloads, connected]);

  const change = useCallback((next: QueueChange) => {
    duringLoad.current?.push(next);
    setQueue((known) => known && applyChange(known, next));
  }, []);

  useChatEvent('queueAdded', (item) => {
    if (item.centerId === centerId) change({ added: item });
  });
  useChatEvent('queueRemoved', ({ centerId: from, conversationId }) => {
    if (from === centerId) change({ removed: conversationId });
  });
  // Key work runs whenever a colleague comes online; only unreadable inquiries need a new look.
  useChatEvent('keys', (work) => {
    if (work.centerId === centerId && (failure || queue?.some((item) => item.error)))
      setReloads((n) => n + 1);
  });

  return { queue, failure, drop: (id: string) => change({ removed: id }) };
}
