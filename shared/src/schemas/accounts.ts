import { z } from 'zod';
import { base64Blob, base64Key, localeSchema, uuidSchema } from './common';

const MIB = 1024 * 1024;

export const kdfParamsSchema = z.object({
  alg: z.literal('argon2id13'),
  opslimit: z.int().min(3).max(20),
  memlimit: z
    .int()
    .min(64 * MIB)
    .max(1024 * MIB),
  salt: base64Key(16),
});

export const wrappedKeysSchema = z.object({
  nonce: base64Key(24),
  ciphertext: base64Blob(2048),
});

/** The credential material a client sends when it creates or changes its credentials. */
export const credentialMaterialSchema = z.object({
  kdf: kdfParamsSchema,
  authKey: base64Key(32),
  boxPublicKey: base64Key(32),
  signPublicKey: base64Key(32),
  keySignature: base64Key(64),
  wrappedKeys: wrappedKeysSchema,
  recovery: z
    .object({ kdf: kdfParamsSchema, authKey: base64Key(32), wrappedKeys: wrappedKeysSchema })
    .optional(),
});

export const pseudonymSchema = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(40, 'at most 40 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, space, dot, dash and underscore only')
  .refine((value) => !value.includes('@'), 'must not be an email address');

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const registerRequestSchema = z.object({
  pseudonym: pseudonymSchema,
  email: emailSchema.optional(),
  locale: localeSchema.default('de'),
  credentials: credentialMaterialSchema,
});

export const loginNameSchema = z.string().trim().min(1).max(254);

export const preloginRequestSchema = z.object({ login: loginNameSchema });
export const preloginResponseSchema = z.object({ kdf: kdfParamsSchema });

export const loginRequestSchema = z.object({ login: loginNameSchema, authKey: base64Key(32) });

export const sessionStageSchema = z.enum(['full', 'mfa_pending', 'mfa_setup']);
export type SessionStage = z.infer<typeof sessionStageSchema>;

export const roleSchema = z.enum(['seeker', 'counselor', 'center_admin', 'platform_admin']);
export type Role = z.infer<typeof roleSchema>;

export const membershipSchema = z.object({
  centerId: uuidSchema,
  centerName: z.string(),
  role: z.enum(['counselor', 'center_admin']),
});

export const accountViewSchema = z.object({
  id: uuidSchema,
  kind: z.enum(['seeker', 'staff']),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: localeSchema,
  isPlatformAdmin: z.boolean(),
  memberships: z.array(membershipSchema),
  mfaEnabled: z.boolean(),
  mfaRequired: z.boolean(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const keyMaterialViewSchema = z.object({
  kdf: kdfParamsSchema,
  wrappedKeys: wrappedKeysSchema,
  boxPublicKey: z.string(),
  signPublicKey: z.string(),
  keySignature: z.string(),
});
export type KeyMaterialView = z.infer<typeof keyMaterialViewSchema>;

export const sessionViewSchema = z.object({
  stage: sessionStageSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
  idleTimeoutSeconds: z.int(),
  account: accountViewSchema,
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const loginResponseSchema = sessionViewSchema.extend({
  /** Present once the session is complete (after the second factor, if any). */
  keys: keyMaterialViewSchema.optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'six digits');
export const mfaVerifyRequestSchema = z.object({
  code: z.string().trim().min(6).max(32),
});
export const mfaSetupResponseSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const mfaEnableRequestSchema = z.object({ code: totpCodeSchema });
export const mfaEnableResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const recoverRequestSchema = z.object({
  login: loginNameSchema,
  recoveryAuthKey: base64Key(32),
  credentials: credentialMaterialSchema,
});

export const changePasswordRequestSchema = z.object({
  authKey: base64Key(32),
  credentials: credentialMaterialSchema.omit({ recovery: true }),
});

export const deleteAccountRequestSchema = z.object({ authKey: base64Key(32) });

export const inviteRequestSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(2).max(80),
  role: z.enum(['counselor', 'center_admin']),
});
export const inviteCreatedSchema = z.object({ id: uuidSchema, expiresAt: z.string() });

export const inviteViewSchema = z.object({
  centerName: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['counselor', 'center_admin']),
  expiresAt: z.string(),
});

export const acceptInviteRequestSchema = z.object({
  locale: localeSchema.default('de'),
  credentials: credentialMaterialSchema.omit({ recovery: true }),
});

export const staffMemberSchema = z.object({
  accountId: uuidSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(['counselor', 'center_admin']),
  mfaEnabled: z.boolean(),
  boxPublicKey: z.string(),
  signPublicKey: z.string(),
  keySignature: z.string(),
});

/**
 * A member of the center as every colleague may see them: enough to choose whom to hand
 * a consultation to (the staff list with e-mail and keys is for center admins).
 */
export const colleagueSchema = z.object({ accountId: uuidSchema, displayName: z.string() });

export const centerSettingsSchema = z.object({ counselorMfaRequired: z.boolean() });

export const createCenterRequestSchema = z.object({
  organisation: z.string().trim().min(2).max(200),
  name: z.string().trim().min(2).max(200),
  externalId: z.string().trim().min(1).max(100).optional(),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
