import { z } from 'zod';

/** Consented audio/video calls through the SFU (ARCHITECTURE.md §7). */
export const callKindSchema = z.enum(['audio', 'video']);
export type CallKind = z.infer<typeof callKindSchema>;

export const callStatusSchema = z.enum(['proposed', 'accepted', 'declined', 'ended', 'expired']);
export type CallStatus = z.infer<typeof callStatusSchema>;

export const proposeCallSchema = z.object({ kind: callKindSchema });

export const callViewSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  /** 1, 2, … per conversation: the subkey id of the call's media key. */
  seq: z.number().int().positive(),
  /** The conversation key epoch the media key is derived from. */
  keyEpoch: z.number().int().positive(),
  kind: callKindSchema,
  status: callStatusSchema,
  proposedBy: z.uuid().nullable(),
  /**
   * Why it ended (null while not ended): `declined`, `expired` (nobody answered),
   * `withdrawn` (the counselor took the proposal back), `hung_up`, `media_unavailable`
   * (no room could be made on accept), `media_failed` (its media node stopped or cannot
   * be reached), `room_closed` (the room is gone on the media service, e.g. both left and
   * it idled out), `handed_over` (the conversation went to a colleague or another center).
   */
  endReason: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type CallView = z.infer<typeof callViewSchema>;

/** What a participant's browser needs to join the call's SFU room. */
export const callJoinInfoSchema = z.object({
  signallingUrl: z.string(),
  roomId: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});
export type CallJoinInfo = z.infer<typeof callJoinInfoSchema>;
