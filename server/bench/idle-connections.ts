/**
 * Holds the chat bench's idle connections in a process of their own: thousands of other
 * people's devices are load on the server, not part of the measurement, and in the
 * measuring process their timers and garbage stalled the clients whose latency is taken
 * (its event loop up to 100 ms).
 *
 * Run by chat.bench.ts: `node --import tsx bench/idle-connections.ts`, with the chat URL,
 * origin and cookie name in argv and the session tokens on stdin, one per line. Prints
 * `ready N` once every socket is connected and ready (or `failed MESSAGE`) after the
 * empty line that ends the tokens, and closes them all when stdin ends.
 */
import { io, type Socket } from 'socket.io-client';
import { inBatches } from './in-batches';

const [url, origin, cookieName] = process.argv.slice(2) as [string, string, string];

async function openAll(tokens: string[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  await inBatches(tokens, 100, async (token) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin, cookie: `${cookieName}=${token}` },
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('chat:ready', () => resolve());
      socket.once('connect_error', reject);
    });
  });
  return sockets;
}

let sockets: Socket[] = [];
let received = '';
let started = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  received += chunk;
  if (started || !received.includes('\n\n')) return;
  started = true;
  openAll(received.split('\n').filter(Boolean)).then(
    (opened) => {
      sockets = opened;
      process.stdout.write(`ready ${opened.length}\n`);
    },
    (error: Error) => {
      process.stdout.write(`failed ${error.message}\n`);
      process.exit(1);
    },
  );
});
process.stdin.on('end', () => {
  for (const socket of sockets) socket.close();
  process.exit(0);
});
