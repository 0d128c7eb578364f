import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { MediaNodeRoom, MediaNodesTable } from '../db/schema-chat';
import type { MediaControl } from './media-control';

export type MediaNodeRow = Selectable<MediaNodesTable>;

/** A media process's id: `MEDIA_NODE_ID`, by default its host and port. */
export const mediaNodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 of A-Z a-z 0-9 . _ : -');

const count = z.number().int().min(0).max(1_000_000);

/**
 * What a media process sends on registration and every heartbeat after it (the same
 * message: the first heartbeat registers). media/src/registration/heartbeat.ts sends it.
 */
export const mediaHeartbeatSchema = z
  .object({
    /** Its control API as the server reaches it (internal network). */
    controlUrl: z.url({ protocol: /^https?$/ }),
    /** Where browsers open its signalling WebSocket. */
    signallingUrl: z.url({ protocol: /^wss?$/ }),
    load: z
      .object({
        rooms: count,
        participants: count,
        /** Share of one core in percent, if the node measures it. */
        cpuPercent: z.number().min(0).max(100_000).nullable().optional(),
      })
      .strict(),
    /** Every open room with its participant count (the server ends calls whose room is gone). */
    rooms: z.array(z.object({ roomId: z.string().min(1).max(64), participants: count }).strict()).max(10_000),
  })
  .strict();
export type MediaHeartbeat = z.infer<typeof mediaHeartbeatSchema>;

/** Stores a heartbeat (the first one registers the node). Several server processes may do this. */
export async function recordHeartbeat(db: Db, nodeId: string, beat: MediaHeartbeat, at: Date): Promise<void> {
  const values = {
    control_url: beat.controlUrl,
    signalling_url: beat.signallingUrl,
    rooms: beat.load.rooms,
    participants: beat.load.participants,
    cpu_percent: beat.load.cpuPercent ?? null,
    room_list: JSON.stringify(beat.rooms.map(({ roomId, participants }) => ({ roomId, participants }))),
    heartbeat_at: at,
  };
  await db
    .insertInto('media_nodes')
    .values({ id: nodeId, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** A node is live while its last heartbeat is younger than the timeout. */
export function isLive(node: Pick<MediaNodeRow, 'heartbeat_at'>, now: Date, timeoutMs: number): boolean {
  return now.getTime() - new Date(node.heartbeat_at).getTime() < timeoutMs;
}

export interface PlacementCandidate {
  id: string;
  rooms: number;
  participants: number;
  cpuPercent: number | null;
  /** Calls the database has on this node now: rooms placed since its last heartbeat count too. */
  openCalls: number;
}

/**
 * The candidates, least-loaded first: fewest rooms (the larger of what the node reported and
 * what we placed on it — two accepts within one heartbeat interval must not both see an
 * empty node), then fewest participants, then least CPU, then the id (deterministic).
 * Rooms first because a call's cost is its forwarding, which grows with rooms and
 * people; CPU breaks ties only, as it is sampled and lags behind.
 */
export function rankNodes<C extends PlacementCandidate>(candidates: readonly C[]): C[] {
  const key = (c: C) => [Math.max(c.rooms, c.openCalls), c.participants, c.cpuPercent ?? 0] as const;
  return [...candidates].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The least-loaded candidate (see rankNodes). */
export function chooseNode<C extends PlacementCandidate>(candidates: readonly C[]): C | undefined {
  return rankNodes(candidates)[0];
}

/** Whether the node's last heartbeat lists the room. */
export function listsRoom(node: Pick<MediaNodeRow, 'room_list'>, roomId: string): boolean {
  const rooms: MediaNodeRoom[] = Array.isArray(node.room_list) ? node.room_list : [];
  return rooms.some((room) => room.roomId === roomId);
}

export interface MediaPlacement {
  /** null: the statically configured media service (no node is live). */
  nodeId: string | null;
  control: MediaControl;
}

/**
 * Where calls' rooms are: the registered media nodes (table media_nodes), or — when
 * none is live, as in development without registration — the one media service of
 * MEDIA_CONTROL_URL / MEDIA_SIGNALLING_URL.
 */
export class MediaNodes {
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: {
      /** The static media service, used when no node is live. */
      fallback: MediaControl;
      /** A control client for a registered node. */
      connect(node: { controlUrl: string; signallingUrl: string }): MediaControl;
      /** A node whose last heartbeat is older than this is dead. */
      timeoutMs: number;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  get fallback(): MediaControl {
    return this.options.fallback;
  }

  async heartbeat(nodeId: string, beat: MediaHeartbeat): Promise<void> {
    await recordHeartbeat(this.db, nodeId, beat, this.now());
  }

  async all(): Promise<MediaNodeRow[]> {
    return this.db.selectFrom('media_nodes').selectAll().execute();
  }

  isLive(node: MediaNodeRow): boolean {
    return isLive(node, this.now(), this.options.timeoutMs);
  }

  /**
   * Where a new call's room may go, best first: the live nodes by load (the caller tries
   * the next when one does not answer), or the static media service when none is live.
   */
  async placements(): Promise<MediaPlacement[]> {
    const nodes = (await this.all()).filter((node) => this.isLive(node));
    if (nodes.length === 0) return [{ nodeId: null, control: this.options.fallback }];
    const open = await this.db
      .selectFrom('calls')
      .select(['media_node_id', ({ fn }) => fn.countAll<string>().as('open')])
      .where('status', '=', 'accepted')
      .where('media_node_id', 'is not', null)
      .groupBy('media_node_id')
      .execute();
    const openBy = new Map(open.map((row) => [row.media_node_id, Number(row.open)]));
    const ranked = rankNodes(
      nodes.map((node) => ({
        id: node.id,
        rooms: node.rooms,
        participants: node.participants,
        cpuPercent: node.cpu_percent,
        openCalls: openBy.get(node.id) ?? 0,
        node,
      })),
    );
    return ranked.map((candidate) => ({ nodeId: candidate.id, control: this.controlOf(candidate.node) }));
  }

  controlOf(node: MediaNodeRow): MediaControl {
    return this.options.connect({ controlUrl: node.control_url, signallingUrl: node.signalling_url });
  }

  /** The control client for a call's node; undefined when that node is not registered (any more). */
  async controlFor(nodeId: string | null): Promise<MediaControl | undefined> {
    if (nodeId === null) return this.options.fallback;
    const node = await this.db
      .selectFrom('media_nodes')
      .selectAll()
      .where('id', '=', nodeId)
      .executeTakeFirst();
    return node && this.controlOf(node);
  }
}
