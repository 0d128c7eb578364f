import { z } from 'zod';
import { maxCiphertextLength } from '../crypto/conversation';
import { isTopicKey } from '../topics';
import { base64Blob, uuidSchema } from './common';

/**
 * The chat contracts (ARCHITECTURE.md §6). Everything about content is ciphertext:
 * the server sees who writes to whom, when and how much — never what.
 */
export const conversationStatusSchema = z.enum(['waiting', 'active', 'archived']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const topicKeySchema = z.string().refine(isTopicKey, 'unknown topic');

/** A conversation key sealed (crypto_box_seal) to one box key: 32 bytes + 48 bytes overhead. */
export const sealedConversationKeySchema = base64Blob(120).min(100);

export const encryptedMessageSchema = z.object({
  clientMessageId: uuidSchema,
  keyEpoch: z.number().int().min(1),
  nonce: base64Blob(40).min(30),
  ciphertext: base64Blob(maxCiphertextLength()).min(22),
});
export type EncryptedMessageInput = z.infer<typeof encryptedMessageSchema>;

export const startInquirySchema = z.object({
  /** Chosen by the client, because the first message's additional data binds it. */
  conversationId: uuidSchema,
  topic: topicKeySchema,
  /** The center chosen in the finder, or the one GET /api/chat/route found for a postal code. */
  centerId: uuidSchema,
  /** The team key epoch the conversation key was sealed to (must be the current one). */
  teamEpoch: z.number().int().min(1),
  sealedForSeeker: sealedConversationKeySchema,
  sealedForTeam: sealedConversationKeySchema,
  firstMessage: encryptedMessageSchema,
});

/** Where a postal-code inquiry would go: the client seals to this center's team key. */
export const routeInquiryQuerySchema = z.object({
  topic: topicKeySchema,
  postalCode: z.string().regex(/^\d{5}$/, 'five digits'),
});
export const inquiryRouteSchema = z.object({
  centerId: uuidSchema,
  centerName: z.string(),
  /** true when no center covers the postal code and the configured fallback center takes it */
  fallback: z.boolean(),
});

/** Every conversation key epoch, each sealed to one recipient. */
export const sealedKeyListSchema = z
  .array(z.object({ keyEpoch: z.number().int().min(1), sealedKey: sealedConversationKeySchema }))
  .min(1)
  .max(100);

export const takeOverSchema = z.object({ sealedForCounselor: sealedKeyListSchema });

/**
 * The help seeker's client replaces the conversation key after the counselor left the
 * center: the new key sealed to the seeker, and every epoch's key sealed to the
 * current team key (so whoever takes it over can read the whole conversation).
 */
export const rekeySchema = z.object({
  keyEpoch: z.number().int().min(2),
  teamEpoch: z.number().int().min(1),
  sealedForSeeker: sealedConversationKeySchema,
  sealedForTeam: sealedKeyListSchema,
});

export const handOverSchema = z.object({
  toAccountId: uuidSchema,
  /** The conversation keys sealed to the colleague (the current counselor's client does it). */
  sealedForCounselor: sealedKeyListSchema,
  /** An optional note for the colleague, sealed to their box key (the seeker never sees it). */
  sealedNote: base64Blob(4000).optional(),
});

export const chatMessageSchema = z.object({
  conversationId: uuidSchema,
  seq: z.number().int(),
  kind: z.enum(['message', 'system']),
  senderId: uuidSchema.nullable(),
  clientMessageId: z.string().nullable(),
  keyEpoch: z.number().int().nullable(),
  nonce: z.string().nullable(),
  ciphertext: z.string().nullable(),
  /** System events carry no content: what happened, and whom it concerns. */
  event: z
    .enum([
      'taken',
      'handed_over',
      'archived',
      'reopened',
      'counselor_left',
      'rekeyed',
      'transfer_proposed',
      'transfer_declined',
      'transferred',
      'call_proposed',
      'call_started',
      'call_declined',
      'call_ended',
    ])
    .nullable(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const conversationViewSchema = z.object({
  id: uuidSchema,
  centerId: uuidSchema,
  centerName: z.string(),
  topic: z.string(),
  status: conversationStatusSchema,
  seekerId: uuidSchema,
  seekerName: z.string(),
  counselorId: uuidSchema.nullable(),
  counselorName: z.string().nullable(),
  teamEpoch: z.number().int(),
  keyEpoch: z.number().int(),
  lastSeq: z.number().int(),
  createdAt: z.string(),
  takenAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  /**
   * The conversation key of each epoch sealed to the caller; for an inquiry in the
   * queue, sealed to the center team key of the given `teamEpoch` instead.
   */
  sealedKeys: z.array(
    z.object({ keyEpoch: z.number().int(), sealedKey: z.string(), teamEpoch: z.number().int().nullable() }),
  ),
  /** The counselor left the center: the help seeker's client must make a new key first. */
  needsRekey: z.boolean(),
  /** The caller's read position, and the other side's. */
  readSeq: z.number().int(),
  peerReadSeq: z.number().int(),
  peerDeliveredSeq: z.number().int(),
  /** For the counselor a handover was addressed to: the sealed note, if any. */
  handOverNote: z.string().nullable(),
  /** The counselor marked themselves absent, with a note for the help seekers (not encrypted). */
  counselorAbsent: z.boolean(),
  /** A counselor proposed moving the conversation to this center; the help seeker decides. */
  transferCenterId: uuidSchema.nullable(),
  transferCenterName: z.string().nullable(),
  counselorAbsenceMessage: z.string().nullable(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

/** A waiting inquiry in the queue, with its first message (decrypted by the counselor's client). */
export const queueItemSchema = conversationViewSchema.extend({ firstMessage: chatMessageSchema.nullable() });
export type QueueItem = z.infer<typeof queueItemSchema>;

export const conversationListQuerySchema = z.object({
  status: conversationStatusSchema.optional(),
});

export const messagesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const messagePageSchema = z.object({
  messages: z.array(chatMessageSchema),
  /** true when there are more messages in the requested direction */
  more: z.boolean(),
});

export const receiptSchema = z.object({
  conversationId: uuidSchema,
  deliveredSeq: z.number().int().min(0).optional(),
  readSeq: z.number().int().min(0).optional(),
});

export const typingSchema = z.object({ conversationId: uuidSchema, typing: z.boolean() });

export const sendMessageSchema = encryptedMessageSchema.extend({ conversationId: uuidSchema });

export const teamKeyGrantListSchema = z.array(z.object({ epoch: z.number().int(), sealedKey: z.string() }));

/** A counselor's absence: the help seekers of their consultations see it and may still write. */
export const absenceSchema = z.object({
  absent: z.boolean(),
  message: z.string().trim().max(500).nullable().default(null),
});
export type Absence = z.infer<typeof absenceSchema>;

export const proposeTransferSchema = z.object({ centerId: uuidSchema });

/** The help seeker agrees: every epoch's key sealed to the other center's current team key. */
export const acceptTransferSchema = z.object({
  teamEpoch: z.number().int().min(1),
  sealedForTeam: sealedKeyListSchema,
});

/** A center's chat settings: how often counselors get the inquiry digest, how long archives stay. */
export const chatSettingsSchema = z.object({
  /** Minutes between digest mails while new inquiries wait; 0 sends none. */
  inquiryDigestMinutes: z.number().int().min(0).max(10080),
  /** Days an archived conversation is kept before it is deleted. */
  retentionDays: z.number().int().min(1).max(3650),
});
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
