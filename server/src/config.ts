import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * All settings, read from the environment once, validated and frozen. This is the
 * only module that reads process.env (STYLE.md, habit 6).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const seconds = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // About twice the cores: more connections than that do not add throughput, but their
  // backends compete for the CPU, and on one host with the server (docker compose, a
  // small VM) they stall its event loop. The chat bench on 2 cores: p99 40 ms with 4
  // connections, 57-70 ms with 20 (docs/performance.md).
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(Math.max(4, 2 * os.availableParallelism())),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // How far V8 lets the heap grow past its live data before the next full garbage
  // collection (0: V8's own choice). V8 chose 12-35 % for the chat with 5,000
  // connections: a full marking every 5-11 s, each taking a core from PostgreSQL for
  // about 200 ms (ADR 0010).
  HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(100),
  DEMO_DATA: bool.default(true),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  TRUST_PROXY: z.string().default('loopback'),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default('Beratung <no-reply@beratung.local>'),
  PLATFORM_SIGN_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url Ed25519 public key')
    .optional(),
  STAFF_IDLE_TIMEOUT_SECONDS: seconds.default(30 * 60),
  SEEKER_IDLE_TIMEOUT_SECONDS: seconds.default(60 * 60),
  SESSION_MAX_AGE_SECONDS: seconds.default(12 * 60 * 60),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  HASH_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, Math.min(4, os.availableParallelism()))),
  RATE_LIMIT_LOGIN_PER_NAME: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_LOGIN_PER_CLIENT: z.coerce.number().int().min(1).default(50),
  RATE_LIMIT_REGISTER_PER_CLIENT: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_WINDOW_SECONDS: seconds.default(15 * 60),
  // The public booking API has no login: per client address, sized for a family or an
  // office behind one NAT address, not for one person.
  RATE_LIMIT_SLOT_READS_PER_CLIENT: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_HOLDS_PER_CLIENT: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_BOOKINGS_PER_CLIENT: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_BOOKING_WINDOW_SECONDS: seconds.default(10 * 60),
  RATE_LIMIT_MANAGE_FAILURES_PER_CODE: z.coerce.number().int().min(1).default(10),
  HOLD_TTL_SECONDS: seconds.default(10 * 60),
  // Chat: where inquiries go whose postal code no center covers, and the limits that
  // keep one account from flooding a center (ARCHITECTURE.md §6).
  CHAT_FALLBACK_CENTER_ID: z.uuid().optional(),
  CHAT_INQUIRIES_PER_DAY: z.coerce.number().int().min(1).default(3),
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  // Help seekers with no conversation left are deleted after this many inactive days.
  CHAT_SEEKER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  CHAT_ATTACHMENT_QUOTA_MB_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(50),
  // Encrypted attachments: files under DATA_DIR/attachments unless an S3-compatible
  // store is configured (all five S3_* settings).
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  // Calls: the media service's control API (internal) and the signalling URL browsers use.
  MEDIA_CONTROL_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3002'),
  MEDIA_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  MEDIA_SIGNALLING_URL: z.url({ protocol: /^wss?$/ }).default('ws://localhost:3001/signal'),
  // Where the apps may open signalling sockets (the CSP's connect-src): the origin of
  // MEDIA_SIGNALLING_URL always; list further media hosts (scale-out) here, comma-separated.
  MEDIA_CONNECT_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^wss?$/ }))),
  CALL_PROPOSAL_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  // Media nodes register and heartbeat (media's MEDIA_REGISTER_URL); one silent for this
  // long is dead and its calls end (media_failed). Keep it ≥ 3 of its heartbeat intervals.
  MEDIA_NODE_TIMEOUT_SECONDS: z.coerce.number().min(0.5).max(3600).default(15),
  // How often the running calls are checked against their media nodes (liveness, rooms).
  CALL_MEDIA_CHECK_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVE_APPS: bool.default(true),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'SECRET_KEY'> {
  dataDir: string;
  /** 32 bytes for encrypting TOTP secrets at rest and keyed hashes. */
  secretKey: Buffer;
  secureCookies: boolean;
  allowedOrigins: string[];
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with every problem listed. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.env.INIT_CWD ?? process.cwd(),
): Readonly<Config> {
  // An empty variable (`DATABASE_URL=` in an .env file) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(cwd, values.DATA_DIR);
  const { SECRET_KEY, ...rest } = values;
  const publicOrigin = new URL(values.PUBLIC_URL).origin;
  return Object.freeze({
    ...rest,
    dataDir,
    secretKey: SECRET_KEY ? Buffer.from(SECRET_KEY, 'utf8').subarray(0, 64) : localSecretKey(dataDir),
    secureCookies: values.PUBLIC_URL.startsWith('https://'),
    allowedOrigins: [...new Set([publicOrigin, ...values.CORS_ORIGINS.map((o) => new URL(o).origin)])],
  });
}

/** Without SECRET_KEY a random key is kept in DATA_DIR, so restarts keep TOTP working. */
function localSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    const key = randomBytes(32);
    fs.writeFileSync(file, key.toString('base64'), { mode: 0o600 });
    return key;
  }
}
