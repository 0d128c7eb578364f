import { describe, expect, it } from 'vitest';
import { secretMatches } from './secret';
import { turnCredentials } from './turn-credentials';
import { createHmac } from 'node:crypto';

describe('shared secret', () => {
  it('matches only the exact secret', () => {
    const secret = 'x'.repeat(40);
    expect(secretMatches(secret, secret)).toBe(true);
    for (const wrong of [undefined, '', 'x'.repeat(39), 'x'.repeat(41), 'y'.repeat(40)]) {
      expect(secretMatches(wrong, secret)).toBe(false);
    }
  });
});

describe('TURN credentials', () => {
  it('follow the TURN REST scheme coturn checks with use-auth-secret', () => {
    const turn = { urls: ['turn:turn.example:3478'], secret: 'coturn-static-auth-secret', ttlSeconds: 3600 };
    const server = turnCredentials(turn, 1_700_000_000_000);
    const [expiry, id] = server.username.split(':');
    expect(Number(expiry)).toBe(1_700_003_600);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(server.credential).toBe(
      createHmac('sha1', 'coturn-static-auth-secret').update(server.username).digest('base64'),
    );
    expect(server.urls).toEqual(['turn:turn.example:3478']);
    expect(turnCredentials(turn, 1_700_000_000_000).username).not.toBe(server.username);
  });
});
