import { describe, expect, it } from 'vitest';
import { chooseNode, isLive, listsRoom, mediaHeartbeatSchema, type PlacementCandidate } from './media-nodes';

const node = (id: string, load: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  id,
  rooms: 0,
  participants: 0,
  cpuPercent: null,
  openCalls: 0,
  ...load,
});

describe('placement on media nodes', () => {
  it('takes the node with the fewest rooms, then participants, then CPU, then the id', () => {
    expect(chooseNode([])).toBeUndefined();
    expect(chooseNode([node('b'), node('a')])!.id).toBe('a');
    expect(chooseNode([node('a', { rooms: 2 }), node('b', { rooms: 1 })])!.id).toBe('b');
    expect(chooseNode([node('a', { rooms: 1, participants: 2 }), node('b', { rooms: 1 })])!.id).toBe('b');
    expect(chooseNode([node('a', { cpuPercent: 80 }), node('b', { cpuPercent: 10 })])!.id).toBe('b');
  });

  it('counts the calls placed since the last heartbeat as rooms', () => {
    // a reported no rooms yet, but two calls went there since its last heartbeat
    expect(chooseNode([node('a', { openCalls: 2 }), node('b', { rooms: 1 })])!.id).toBe('b');
  });

  it('judges liveness by the age of the last heartbeat', () => {
    const now = new Date('2026-12-01T10:00:15Z');
    expect(isLive({ heartbeat_at: new Date('2026-12-01T10:00:01Z') }, now, 15_000)).toBe(true);
    expect(isLive({ heartbeat_at: new Date('2026-12-01T10:00:00Z') }, now, 15_000)).toBe(false);
  });

  it('finds a room in the last heartbeat', () => {
    const room_list = [{ roomId: 'call-1', participants: 2 }];
    expect(listsRoom({ room_list }, 'call-1')).toBe(true);
    expect(listsRoom({ room_list }, 'call-2')).toBe(false);
  });

  it('accepts a well-formed heartbeat only', () => {
    const beat = {
      controlUrl: 'http://media-1:3002',
      signallingUrl: 'wss://media-1.example.org/signal',
      load: { rooms: 1, participants: 2, cpuPercent: 3.5 },
      rooms: [{ roomId: 'call-1', participants: 2 }],
    };
    expect(mediaHeartbeatSchema.safeParse(beat).success).toBe(true);
    expect(mediaHeartbeatSchema.safeParse({ ...beat, signallingUrl: 'http://x' }).success).toBe(false);
    expect(mediaHeartbeatSchema.safeParse({ ...beat, load: { rooms: -1, participants: 0 } }).success).toBe(
      false,
    );
    expect(mediaHeartbeatSchema.safeParse({ ...beat, rooms: [{ roomId: '' }] }).success).toBe(false);
  });
});
