import { describe, expect, it } from 'vitest';
import { JoinTokens, RefusedToken } from './join-tokens';

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(RefusedToken);
    expect((error as RefusedToken).code).toBe('TOKEN_REFUSED');
    return (error as RefusedToken).reason;
  }
  throw new Error('not refused');
}

describe('join tokens', () => {
  it('are redeemed once, for the participant they were issued to', () => {
    const tokens = new JoinTokens();
    const { token } = tokens.issue('room', 'alice', 60);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.redeem(token, 'room')).toBe('alice');
    expect(refusal(() => tokens.redeem(token, 'room'))).toBe('unknown');
  });

  it('expire', () => {
    let now = 1_000_000;
    const tokens = new JoinTokens(() => now);
    const { token, expiresAt } = tokens.issue('room', 'alice', 30);
    expect(expiresAt.getTime()).toBe(1_030_000);
    now += 30_000;
    expect(refusal(() => tokens.redeem(token, 'room'))).toBe('expired');
  });

  it('are bound to their room and burnt by a try elsewhere', () => {
    const tokens = new JoinTokens();
    const { token } = tokens.issue('room-a', 'alice', 60);
    expect(refusal(() => tokens.redeem(token, 'room-b'))).toBe('other-room');
    expect(refusal(() => tokens.redeem(token, 'room-a'))).toBe('unknown');
  });

  it('are dropped with their room, and expired ones are swept', () => {
    let now = 0;
    const tokens = new JoinTokens(() => now);
    const kept = tokens.issue('other', 'bob', 600);
    const revoked = tokens.issue('room', 'alice', 60);
    tokens.issue('room', 'carol', 10);
    tokens.revokeRoom('room');
    expect(refusal(() => tokens.redeem(revoked.token, 'room'))).toBe('unknown');
    now = 20_000;
    tokens.issue('third', 'dave', 5);
    expect(tokens.size).toBe(2);
    expect(tokens.redeem(kept.token, 'other')).toBe('bob');
  });
});
