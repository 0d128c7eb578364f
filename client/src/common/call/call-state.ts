import type { CallView } from '@beratung/shared';

/** What a conversation page shows of its calls. */
export interface CallState {
  /** The open call (proposed, or accepted and running), if any. */
  open: CallView | undefined;
  /** The last call that ended while this page was open, for its notice. */
  ended: CallView | undefined;
}

export const isOpen = (call: CallView) => call.status === 'proposed' || call.status === 'accepted';

/**
 * Where a call changed, what the page shows next: an open call replaces the shown
 * one; the shown one ending moves it to `ended`. Other conversations' calls and
 * late events of calls already replaced change nothing.
 */
export function applyCallEvent(state: CallState, conversationId: string, call: CallView): CallState {
  if (call.conversationId !== conversationId) return state;
  if (isOpen(call)) {
    if (state.open && state.open.seq > call.seq) return state;
    return { open: call, ended: state.ended };
  }
  if (state.open?.id === call.id) return { open: undefined, ended: call };
  if (!state.open && (!state.ended || state.ended.seq <= call.seq)) return { open: undefined, ended: call };
  return state;
}

/** The notice key for why a call ended. */
export function endedKey(
  reason: string | null,
):
  | 'call.ended.hung_up'
  | 'call.ended.withdrawn'
  | 'call.ended.declined'
  | 'call.ended.expired'
  | 'call.ended.media_unavailable'
  | 'call.ended.media_failed'
  | 'call.ended.room_closed'
  | 'call.ended.handed_over'
  | 'call.ended.other' {
  switch (reason) {
    case 'hung_up':
    case 'withdrawn':
    case 'declined':
    case 'expired':
    case 'media_unavailable':
    case 'media_failed':
    case 'room_closed':
    case 'handed_over':
      return `call.ended.${reason}`;
    default:
      return 'call.ended.other';
  }
}
