import { z } from 'zod';

/**
 * The signalling protocol between a participant's browser and the media service: JSON
 * messages over one WebSocket (`/signal`). The SFU always makes the offers (one
 * negotiation at a time, so there is never glare); the browser only answers.
 *
 * 1. browser → `join` with the room id and its single-use join token, and which kinds
 *    it will publish;
 * 2. SFU → `joined` (own id, the other participants, ICE servers incl. TURN
 *    credentials), then `offer`: recvonly m-lines for what the browser publishes
 *    (`publish`, attach the microphone/camera to the transceiver with that mid and make
 *    it sendonly) and sendonly m-lines for what the others publish (`tracks`);
 * 3. browser → `answer` (and `candidate`s as they come; the SFU's own candidate is in
 *    the offer);
 * 4. whenever someone joins or leaves: `peer-joined` / `peer-left` and a new `offer`;
 * 5. `leave` or closing the socket hangs up; `closed` says why the SFU ended it.
 */
export const MEDIA_KINDS = ['audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Room and participant ids are chosen by the main server. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 characters of A–Z a–z 0–9 _ -');

const sdpSchema = z.string().min(1).max(32_000);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    roomId: idSchema,
    token: z.string().min(1).max(200),
    publish: z
      .array(z.enum(MEDIA_KINDS))
      .max(2)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'each kind at most once')
      .default([]),
  }),
  z.object({ type: z.literal('answer'), sdp: sdpSchema }),
  z.object({
    type: z.literal('candidate'),
    candidate: z
      .object({
        candidate: z.string().max(1000),
        sdpMid: z.string().max(64).nullish(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
      })
      .nullable(),
  }),
  z.object({ type: z.literal('leave') }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type JoinMessage = Extract<ClientMessage, { type: 'join' }>;

export interface IceServer {
  urls: string[];
  username: string;
  credential: string;
}

/** A remote participant's track arriving on the m-line `mid`. */
export interface RemoteTrackInfo {
  mid: string;
  participantId: string;
  kind: MediaKind;
}

/** Why the SFU ended a participant's session. */
export type CloseReason = 'room-closed' | 'replaced' | 'left' | 'connection-failed' | 'timeout' | 'error';

export type ErrorCode =
  'TOKEN_REFUSED' | 'ROOM_NOT_FOUND' | 'ROOM_FULL' | 'ROOM_CLOSED' | 'BAD_MESSAGE' | 'TIMEOUT';

export type ServerMessage =
  | { type: 'joined'; roomId: string; participantId: string; peers: string[]; iceServers: IceServer[] }
  | { type: 'offer'; sdp: string; publish: { mid: string; kind: MediaKind }[]; tracks: RemoteTrackInfo[] }
  | { type: 'peer-joined'; participantId: string }
  | { type: 'peer-left'; participantId: string }
  | { type: 'error'; code: ErrorCode; message: string }
  | { type: 'closed'; reason: CloseReason };

/** WebSocket close codes the SFU uses (4000–4999 are for applications). */
export const CLOSE_CODES = {
  closed: 4000,
  BAD_MESSAGE: 4400,
  TOKEN_REFUSED: 4401,
  ROOM_NOT_FOUND: 4404,
  TIMEOUT: 4408,
  ROOM_FULL: 4409,
  ROOM_CLOSED: 4410,
} as const;
