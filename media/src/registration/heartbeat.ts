import type { Logger } from 'pino';
import { SECRET_HEADER } from '../control/control.routes';

/** One room as the main server learns of it. */
export interface RoomLoad {
  roomId: string;
  participants: number;
}

/** The heartbeat body (server/src/calls/media-nodes.ts, mediaHeartbeatSchema). */
export interface Heartbeat {
  controlUrl: string;
  signallingUrl: string;
  load: { rooms: number; participants: number; cpuPercent: number | null };
  rooms: RoomLoad[];
}

/** Where the registration route of the main server is, for a node id. */
export function heartbeatUrl(registerUrl: string, nodeId: string): string {
  return `${registerUrl.replace(/\/$/, '')}/api/media/nodes/${encodeURIComponent(nodeId)}`;
}

/** The heartbeat of this node's state: pure, from what the rooms report. */
export function heartbeatOf(input: {
  controlUrl: string;
  signallingUrl: string;
  rooms: readonly RoomLoad[];
  cpuPercent: number | null;
}): Heartbeat {
  return {
    controlUrl: input.controlUrl,
    signallingUrl: input.signallingUrl,
    load: {
      rooms: input.rooms.length,
      participants: input.rooms.reduce((sum, room) => sum + room.participants, 0),
      cpuPercent: input.cpuPercent,
    },
    rooms: input.rooms.map(({ roomId, participants }) => ({ roomId, participants })),
  };
}

export interface Registration {
  /** Sends one heartbeat now (the first one registers); resolves with the server's status or null. */
  beat(): Promise<number | null>;
  stop(): void;
}

/**
 * Registers this media process with the main server and keeps it registered: one
 * heartbeat right away and then every interval, with the shared media secret. The
 * server places calls on live nodes and ends the calls of a node that fell silent, so
 * a failed heartbeat is only logged — the next one is the retry.
 */
export function startRegistration(options: {
  registerUrl: string;
  nodeId: string;
  secret: string;
  intervalMs: number;
  snapshot(): Heartbeat;
  logger: Logger;
  fetch?: typeof fetch;
}): Registration {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = heartbeatUrl(options.registerUrl, options.nodeId);
  let stopped = false;
  let registered = false;
  let failing = false;

  const beat = async (): Promise<number | null> => {
    if (stopped) return null;
    try {
      const response = await fetchImpl(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: options.secret },
        body: JSON.stringify(options.snapshot()),
        // never longer than an interval: a slow server must not pile heartbeats up
        signal: AbortSignal.timeout(Math.max(1000, options.intervalMs)),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        if (!registered || failing)
          options.logger.info(
            { nodeId: options.nodeId, url: options.registerUrl },
            'registered with the server',
          );
        registered = true;
        failing = false;
      } else if (!failing) {
        failing = true;
        options.logger.error(
          { nodeId: options.nodeId, status: response.status },
          response.status === 401
            ? 'the server refused the media secret; set the same MEDIA_SECRET on both'
            : 'the server refused the heartbeat',
        );
      }
      return response.status;
    } catch (error) {
      if (!failing) {
        failing = true;
        options.logger.warn({ nodeId: options.nodeId, err: error }, 'server not reachable for the heartbeat');
      }
      return null;
    }
  };

  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void beat().finally(() => (busy = false));
  }, options.intervalMs);
  timer.unref();
  void beat();

  return {
    beat,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
