import net from 'node:net';

/**
 * A TCP relay on loopback between clients and a server port, standing for the network
 * in between. It can hold back what the server sends on WebSocket connections (the
 * connections stay open, HTTP requests go on), which puts a message deterministically
 * "on the wire" when the server process dies: written by the server, never received.
 * When the server side of a connection closes, the client side is reset and anything
 * held is dropped, as a crashed peer's unsent data is.
 */
export interface PausableProxy {
  port: number;
  url: string;
  /** Hold back server → client bytes on WebSocket connections (new ones too). */
  pauseSockets(): void;
  /** Stop holding back (held bytes of connections still open are sent on). */
  resume(): void;
  /** What is held back right now, over all open WebSocket connections (latin1). */
  held(): string;
  /** Open WebSocket connections. */
  openSockets(): number;
  close(): Promise<void>;
}

interface Relay {
  client: net.Socket;
  upstream: net.Socket;
  webSocket: boolean;
  held: Buffer[];
}

export function startPausableProxy(targetPort: number): Promise<PausableProxy> {
  const relays = new Set<Relay>();
  let paused = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const relay: Relay = { client, upstream, webSocket: false, held: [] };
    relays.add(relay);
    let first = true;
    const end = () => {
      relays.delete(relay);
      relay.held = [];
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (first) {
        first = false;
        const head = chunk.toString('latin1', 0, Math.min(chunk.length, 2048)).toLowerCase();
        relay.webSocket = head.startsWith('get /socket.io/') && head.includes('upgrade: websocket');
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (paused && relay.webSocket) relay.held.push(chunk);
      else client.write(chunk);
    });
    client.on('close', end);
    client.on('error', end);
    upstream.on('close', end);
    upstream.on('error', end);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        pauseSockets: () => {
          paused = true;
        },
        resume: () => {
          paused = false;
          for (const relay of relays) {
            for (const chunk of relay.held) relay.client.write(chunk);
            relay.held = [];
          }
        },
        held: () =>
          [...relays]
            .flatMap((r) => r.held)
            .map((chunk) => chunk.toString('latin1'))
            .join(''),
        openSockets: () => [...relays].filter((r) => r.webSocket).length,
        close: () =>
          new Promise<void>((done) => {
            for (const relay of relays) {
              relay.client.destroy();
              relay.upstream.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}
