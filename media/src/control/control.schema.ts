import { z } from 'zod';
import { idSchema } from '../signalling/protocol';

export const createRoomSchema = z
  .object({
    roomId: idSchema.optional(),
    maxParticipants: z.number().int().min(2).max(16).default(2),
  })
  .strict();

export const issueTokenSchema = z
  .object({
    participantId: idSchema,
    /** Validity of the token; the service's MEDIA_TOKEN_TTL_SECONDS if absent. */
    ttlSeconds: z.number().int().min(1).max(600).optional(),
  })
  .strict();
