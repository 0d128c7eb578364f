import type { Logger } from 'pino';
import { RoomClosedError, RoomFullError } from '../errors';
import type { RtcTransportOptions } from '../rtc/peer-connection';
import type { CloseReason, MediaKind } from '../signalling/protocol';
import { Counters } from './counters';
import { Participant, type SignalChannel } from './participant';

export interface RoomDeps {
  rtc: RtcTransportOptions;
  /** The service-wide counters the room's own counters add to. */
  counters: Counters;
  logger: Logger;
  /** An empty room closes itself after this long. */
  idleMs: number;
  onClosed(room: Room): void;
}

/**
 * A call: its participants, each forwarding its tracks to all the others. Calls are 1:1
 * in practice (maxParticipants 2), but nothing here assumes two.
 */
export class Room {
  readonly participants = new Map<string, Participant>();
  readonly counters: Counters;
  readonly createdAt = new Date();
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly id: string,
    readonly maxParticipants: number,
    private readonly deps: RoomDeps,
  ) {
    this.counters = new Counters(deps.counters);
    this.armIdleTimer();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether one more participant with this id would fit (a rejoin replaces the old session). */
  hasPlaceFor(participantId: string): boolean {
    return this.participants.has(participantId) || this.participants.size < this.maxParticipants;
  }

  /**
   * Adds a participant whose join token has been redeemed, and wires its tracks to
   * everyone else (who get `peer-joined` and a new offer). The caller sends `joined`
   * and starts the new participant's own negotiation.
   */
  join(participantId: string, publish: readonly MediaKind[], channel: SignalChannel): Participant {
    if (this.closed) throw new RoomClosedError();
    if (!this.hasPlaceFor(participantId)) throw new RoomFullError();
    this.participants.get(participantId)?.close('replaced');
    this.disarmIdleTimer();
    const participant = new Participant(participantId, channel, {
      rtc: this.deps.rtc,
      counters: this.counters,
      logger: this.deps.logger,
      onClosed: (p, reason) => this.left(p, reason),
    });
    this.participants.set(participantId, participant);
    participant.publish(publish);
    for (const other of this.participants.values()) {
      if (other === participant) continue;
      for (const publisher of other.publishers.values()) participant.subscribe(publisher, other.streamId);
      for (const publisher of participant.publishers.values())
        other.subscribe(publisher, participant.streamId);
      other.send({ type: 'peer-joined', participantId });
      void other.negotiate();
    }
    this.deps.logger.info({ roomId: this.id, participantId, publish }, 'participant joined');
    return participant;
  }

  private left(participant: Participant, reason: CloseReason): void {
    if (this.participants.get(participant.id) !== participant) return;
    this.participants.delete(participant.id);
    this.deps.logger.info({ roomId: this.id, participantId: participant.id, reason }, 'participant left');
    if (this.closed) return;
    for (const other of this.participants.values()) {
      for (const publisher of participant.publishers.values()) other.unsubscribe(publisher);
      other.send({ type: 'peer-left', participantId: participant.id });
      void other.negotiate();
    }
    if (this.participants.size === 0) this.armIdleTimer();
  }

  private armIdleTimer(): void {
    this.disarmIdleTimer();
    this.idleTimer = setTimeout(() => this.close('timeout'), this.deps.idleMs);
    this.idleTimer.unref();
  }

  private disarmIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Ends the call for everyone: closes every peer connection and signalling channel. */
  close(reason: CloseReason = 'room-closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.disarmIdleTimer();
    for (const participant of [...this.participants.values()]) participant.close(reason);
    this.participants.clear();
    this.deps.logger.info({ roomId: this.id, reason, ...this.counters.snapshot() }, 'room closed');
    this.deps.onClosed(this);
  }
}
