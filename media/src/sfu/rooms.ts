import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { RoomExistsError, RoomNotFoundError } from '../errors';
import type { RtcTransportOptions } from '../rtc/peer-connection';
import { Counters } from './counters';
import { Room } from './room';

export interface RoomsDeps {
  rtc: RtcTransportOptions;
  logger: Logger;
  idleMs: number;
  /** Told about every room that closed (to drop its outstanding join tokens). */
  onRoomClosed?(room: Room): void;
}

/**
 * All rooms of this media process. Creation is synchronous (check and insert in one
 * turn of the event loop), so two requests can never create the same room twice.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  readonly counters = new Counters();

  constructor(private readonly deps: RoomsDeps) {}

  create(roomId: string = randomUUID(), maxParticipants = 2): Room {
    if (this.rooms.has(roomId)) throw new RoomExistsError();
    const room = new Room(roomId, maxParticipants, {
      rtc: this.deps.rtc,
      counters: this.counters,
      logger: this.deps.logger,
      idleMs: this.deps.idleMs,
      onClosed: (closed) => {
        if (this.rooms.get(closed.id) === closed) this.rooms.delete(closed.id);
        this.deps.onRoomClosed?.(closed);
      },
    });
    this.rooms.set(roomId, room);
    this.deps.logger.info({ roomId, maxParticipants }, 'room created');
    return room;
  }

  get(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new RoomNotFoundError();
    return room;
  }

  find(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  close(roomId: string): void {
    this.get(roomId).close('room-closed');
  }

  closeAll(): void {
    for (const room of [...this.rooms.values()]) room.close('room-closed');
  }

  get size(): number {
    return this.rooms.size;
  }

  list(): Room[] {
    return [...this.rooms.values()];
  }
}
