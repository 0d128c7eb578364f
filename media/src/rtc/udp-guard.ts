import type { Socket } from 'node:dgram';
import type { RTCPeerConnection } from 'werift';

interface ProtocolWithSocket {
  transport?: { socket?: Socket };
}

const guarded = new WeakSet<Socket>();

/**
 * werift's UDP sockets have no 'error' listener: a send error (e.g. an unreachable
 * address) would be thrown as an uncaught exception and take every call of this process
 * down. Called after gathering, adds a listener that reports instead.
 */
export function guardUdpSockets(pc: RTCPeerConnection, onError: (error: Error) => void): void {
  for (const transport of pc.iceTransports) {
    const protocols = (transport.connection as unknown as { protocols?: ProtocolWithSocket[] }).protocols;
    for (const protocol of protocols ?? []) {
      const socket = protocol.transport?.socket;
      if (!socket || guarded.has(socket)) continue;
      guarded.add(socket);
      socket.on('error', onError);
    }
  }
}
