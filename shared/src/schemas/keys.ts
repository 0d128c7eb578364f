import { z } from 'zod';
import { base64Key, uuidSchema } from './common';

export const signedStatementSchema = z.object({
  payload: z.string().min(2).max(200_000),
  signature: base64Key(64),
});

export const adminCertificateRequestSchema = signedStatementSchema.extend({ accountId: uuidSchema });

export const teamKeyRequestSchema = z.object({
  teamKey: signedStatementSchema,
  memberList: signedStatementSchema,
  /** The team private key sealed to each member's box key. */
  grants: z
    .array(z.object({ accountId: uuidSchema, sealedKey: z.string().min(10).max(500) }))
    .min(1)
    .max(2000),
});

export const centerKeyChainSchema = z.object({
  centerId: uuidSchema,
  adminCertificates: z.array(signedStatementSchema.extend({ accountId: uuidSchema })),
  teamKey: signedStatementSchema.extend({ signedBy: uuidSchema }),
  memberList: signedStatementSchema.extend({ signedBy: uuidSchema }).optional(),
});

export const pendingCertificateSchema = z.object({
  accountId: uuidSchema,
  centerId: uuidSchema,
  centerName: z.string(),
  displayName: z.string(),
  boxPublicKey: z.string(),
  signPublicKey: z.string(),
  keySignature: z.string(),
});

export const platformKeyGrantSchema = z.object({ signPublicKey: z.string(), sealedKey: z.string() });

export const publicConfigSchema = z.object({
  platformSignPublicKey: z.string().nullable(),
  locales: z.array(z.string()),
  staffIdleTimeoutSeconds: z.number(),
});

/** Members on the latest signed list who still lack the current team key. */
export const pendingGrantsSchema = z.object({
  epoch: z.number().int(),
  members: z.array(z.object({ accountId: uuidSchema, boxPublicKey: z.string(), signPublicKey: z.string() })),
});

export const teamKeyGrantsRequestSchema = z.object({
  grants: z
    .array(
      z.object({
        accountId: uuidSchema,
        epoch: z.number().int().min(1),
        sealedKey: z.string().min(10).max(500),
      }),
    )
    .min(1)
    .max(2000),
});
