import { describe, expect, it } from 'vitest';
import type { CallView } from '@beratung/shared';
import { applyCallEvent, endedKey, type CallState } from '../src/common/call/call-state';

const conversationId = '00000000-0000-4000-8000-00000000000a';
const empty: CallState = { open: undefined, ended: undefined };

function call(seq: number, status: CallView['status'], overrides: Partial<CallView> = {}): CallView {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId,
    seq,
    keyEpoch: 1,
    kind: 'video',
    status,
    proposedBy: null,
    endReason: status === 'ended' ? 'hung_up' : null,
    createdAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-01T10:02:00.000Z',
    acceptedAt: null,
    endedAt: null,
    ...overrides,
  };
}

describe('what a conversation page shows of its calls', () => {
  it('follows a call from proposal to running to ended', () => {
    const proposed = applyCallEvent(empty, conversationId, call(1, 'proposed'));
    expect(proposed.open?.status).toBe('proposed');
    const running = applyCallEvent(proposed, conversationId, call(1, 'accepted'));
    expect(running.open?.status).toBe('accepted');
    const ended = applyCallEvent(running, conversationId, call(1, 'ended'));
    expect(ended).toEqual({ open: undefined, ended: call(1, 'ended') });
  });

  it('ignores other conversations and late events of older calls', () => {
    const other = call(1, 'proposed', { conversationId: '00000000-0000-4000-8000-00000000000b' });
    expect(applyCallEvent(empty, conversationId, other)).toBe(empty);
    const second = applyCallEvent(empty, conversationId, call(2, 'proposed'));
    expect(applyCallEvent(second, conversationId, call(1, 'accepted'))).toBe(second);
    // an older call ending while a newer one is open changes nothing
    expect(applyCallEvent(second, conversationId, call(1, 'ended'))).toBe(second);
  });

  it('keeps the newest ended call for its notice', () => {
    const declined = applyCallEvent(empty, conversationId, call(2, 'declined', { endReason: 'declined' }));
    expect(applyCallEvent(declined, conversationId, call(1, 'ended'))).toBe(declined);
    expect(declined.ended?.seq).toBe(2);
  });

  it('names a notice for every end reason, and a general one for anything else', () => {
    expect(endedKey('media_failed')).toBe('call.ended.media_failed');
    expect(endedKey('handed_over')).toBe('call.ended.handed_over');
    expect(endedKey('something new')).toBe('call.ended.other');
    expect(endedKey(null)).toBe('call.ended.other');
  });
});
