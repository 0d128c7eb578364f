import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import { JoinTokens } from './auth/join-tokens';
import type { MediaConfig } from './config';
import { createControlServer } from './control/control.routes';
import { CpuMonitor } from './observability/cpu';
import { createLogger } from './observability/logger';
import type { RtcTransportOptions } from './rtc/peer-connection';
import { installWeriftFastPaths, WERIFT_VERSION } from './rtc/werift-fast-paths';
import { heartbeatOf, startRegistration, type Registration } from './registration/heartbeat';
import { Rooms } from './sfu/rooms';
import { attachSignalling, SIGNALLING_PATH } from './signalling/signalling.socket';

export interface MediaAppOverrides {
  logger?: Logger;
  /** Clock for token expiry (tests move it forward). */
  now?: () => number;
}

export interface MediaApp {
  config: Readonly<MediaConfig>;
  rooms: Rooms;
  tokens: JoinTokens;
  logger: Logger;
  /** Starts both listeners; resolves with the addresses actually bound. */
  listen(): Promise<{ signallingUrl: string; controlUrl: string }>;
  /** Where browsers open the signalling socket (after listen). */
  signallingUrl(): string;
  /** The registration with the main server (MEDIA_REGISTER_URL), once listening; else null. */
  registration(): Registration | null;
  /** Ends every call and stops both listeners. */
  stop(): Promise<void>;
}

/**
 * The media service: rooms of werift peer connections, the signalling WebSocket for
 * browsers (MEDIA_HOST:MEDIA_PORT) and the control API for the main server
 * (MEDIA_CONTROL_HOST:MEDIA_CONTROL_PORT). `index.ts` only wires it up.
 */
export function createMediaApp(config: Readonly<MediaConfig>, overrides: MediaAppOverrides = {}): MediaApp {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const now = overrides.now ?? Date.now;
  if (!installWeriftFastPaths()) {
    logger.warn(
      { expected: WERIFT_VERSION },
      'werift is not the pinned version: its RTP header parsing stays unpatched',
    );
  }
  const rtc: RtcTransportOptions = {
    announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS,
    listenAddress: config.MEDIA_UDP_LISTEN_ADDRESS,
    portRange: [config.MEDIA_UDP_PORT_MIN, config.MEDIA_UDP_PORT_MAX],
  };
  const tokens = new JoinTokens(now);
  const rooms = new Rooms({
    rtc,
    logger,
    idleMs: config.MEDIA_ROOM_IDLE_SECONDS * 1000,
    onRoomClosed: (room) => tokens.revokeRoom(room.id),
  });
  const cpu = new CpuMonitor();
  const startedAt = Date.now();
  let registration: Registration | null = null;

  const signallingServer = http.createServer((_req, res) => {
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('Beratung media service: WebSocket at /signal\n');
  });
  let signallingPort: number | null = null;
  const signallingUrl = () =>
    config.publicUrl ?? `ws://localhost:${signallingPort ?? config.MEDIA_PORT}${SIGNALLING_PATH}`;
  const wss: WebSocketServer = attachSignalling(signallingServer, {
    rooms,
    tokens,
    turn: config.turn,
    allowedOrigins: config.MEDIA_ALLOWED_ORIGINS,
    logger,
    now,
  });
  const controlServer = createControlServer({
    secret: config.secret,
    rooms,
    tokens,
    cpu,
    logger,
    tokenTtlSeconds: config.MEDIA_TOKEN_TTL_SECONDS,
    signallingUrl,
    startedAt,
  });

  const listenOn = (server: http.Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const closeServer = (server: http.Server) =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    config,
    rooms,
    tokens,
    logger,
    signallingUrl,
    registration: () => registration,
    async listen() {
      signallingPort = await listenOn(signallingServer, config.MEDIA_PORT, config.MEDIA_HOST);
      const controlPort = await listenOn(controlServer, config.MEDIA_CONTROL_PORT, config.MEDIA_CONTROL_HOST);
      cpu.start();
      const controlHost = config.MEDIA_CONTROL_HOST.includes(':')
        ? `[${config.MEDIA_CONTROL_HOST}]`
        : config.MEDIA_CONTROL_HOST;
      const controlUrl = `http://${controlHost}:${controlPort}`;
      if (config.MEDIA_REGISTER_URL) {
        // The server reaches the control API under the announced URL (internal network);
        // bound to all interfaces, loopback is the one address sure to work locally.
        const announcedControlUrl =
          config.MEDIA_ANNOUNCED_CONTROL_URL ??
          controlUrl.replace(/\/\/(0\.0\.0\.0|\[::\])(?=:)/, '//127.0.0.1');
        const nodeId = config.MEDIA_NODE_ID ?? `${os.hostname()}:${signallingPort}`;
        registration = startRegistration({
          registerUrl: config.MEDIA_REGISTER_URL,
          nodeId,
          secret: config.secret,
          intervalMs: config.MEDIA_HEARTBEAT_SECONDS * 1000,
          logger,
          snapshot: () =>
            heartbeatOf({
              controlUrl: announcedControlUrl,
              signallingUrl: signallingUrl(),
              rooms: rooms
                .list()
                .filter((room) => !room.isClosed)
                .map((room) => ({ roomId: room.id, participants: room.participants.size })),
              cpuPercent: cpu.snapshot().percentOfOneCore,
            }),
        });
      }
      return { signallingUrl: signallingUrl(), controlUrl };
    },
    async stop() {
      // Silent from now on: the server notices the missing heartbeats and ends our calls.
      registration?.stop();
      cpu.stop();
      rooms.closeAll();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await Promise.all([closeServer(signallingServer), closeServer(controlServer)]);
    },
  };
}
