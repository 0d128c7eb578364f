import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * All settings of the media service, read from the environment once, validated and
 * frozen. This is the only module of media/ that reads process.env (STYLE.md, habit 6).
 */
const port = z.coerce.number().int().min(0).max(65535);
const udpPort = z.coerce.number().int().min(1024).max(65535);
const seconds = z.coerce.number().int().positive();
const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATA_DIR: z.string().default('./data'),
    // Signalling for the browsers (WebSocket), reachable from outside.
    MEDIA_HOST: z.string().default('0.0.0.0'),
    MEDIA_PORT: port.default(3001),
    MEDIA_PUBLIC_URL: z.url({ protocol: /^wss?$/ }).optional(),
    MEDIA_ALLOWED_ORIGINS: list.pipe(z.array(z.url())).default(['http://localhost:3000']),
    // Control API for the main server only: loopback or an internal network.
    MEDIA_CONTROL_HOST: z.string().default('127.0.0.1'),
    MEDIA_CONTROL_PORT: port.default(3002),
    MEDIA_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // WebRTC transport: the address put into the ICE candidates, the interface the UDP
    // sockets bind to, and the port range they take their ports from.
    MEDIA_ANNOUNCED_ADDRESS: z.ipv4().default('127.0.0.1'),
    MEDIA_UDP_LISTEN_ADDRESS: z.ipv4().default('0.0.0.0'),
    MEDIA_UDP_PORT_MIN: udpPort.default(40000),
    MEDIA_UDP_PORT_MAX: udpPort.default(40999),
    // TURN for help seekers behind networks that block UDP (coturn, use-auth-secret).
    MEDIA_TURN_URLS: list.pipe(z.array(z.string().regex(/^turns?:[^\s]+$/, 'must be turn: or turns: URLs'))),
    MEDIA_TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    MEDIA_TURN_TTL_SECONDS: seconds.default(12 * 60 * 60),
    MEDIA_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
    MEDIA_ROOM_IDLE_SECONDS: seconds.default(5 * 60),
    // Registration with the main server (scale-out): where to send heartbeats, this
    // node's id, its control API as the server reaches it, and how often.
    MEDIA_REGISTER_URL: z.url({ protocol: /^https?$/ }).optional(),
    MEDIA_NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 of A-Z a-z 0-9 . _ : -')
      .optional(),
    MEDIA_ANNOUNCED_CONTROL_URL: z.url({ protocol: /^https?$/ }).optional(),
    MEDIA_HEARTBEAT_SECONDS: z.coerce.number().min(0.1).max(300).default(5),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.MEDIA_UDP_PORT_MIN >= env.MEDIA_UDP_PORT_MAX) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_UDP_PORT_MAX'],
        message: 'must be greater than MEDIA_UDP_PORT_MIN',
      });
    }
    if (env.MEDIA_TURN_URLS.length > 0 && !env.MEDIA_TURN_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_TURN_SECRET'],
        message: 'is required when MEDIA_TURN_URLS is set',
      });
    }
    if (env.NODE_ENV === 'production' && !env.MEDIA_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['MEDIA_SECRET'], message: 'is required in production' });
    }
  });

export type MediaEnv = z.infer<typeof envSchema>;

export interface MediaConfig extends Omit<
  MediaEnv,
  'MEDIA_SECRET' | 'MEDIA_TURN_SECRET' | 'MEDIA_PUBLIC_URL'
> {
  /** Shared secret the main server sends in the `X-Media-Secret` header. */
  secret: string;
  /** Where browsers open the signalling WebSocket; null: `ws://localhost:<port>/signal`. */
  publicUrl: string | null;
  turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with every problem listed. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.env.INIT_CWD ?? process.cwd(),
): Readonly<MediaConfig> {
  // An empty variable (`MEDIA_SECRET=` in an .env file) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid media configuration:\n${lines.join('\n')}`);
  }
  const { MEDIA_SECRET, MEDIA_TURN_SECRET, MEDIA_PUBLIC_URL, ...rest } = parsed.data;
  const dataDir = path.resolve(cwd, rest.DATA_DIR);
  return Object.freeze({
    ...rest,
    MEDIA_ALLOWED_ORIGINS: rest.MEDIA_ALLOWED_ORIGINS.map((origin) => new URL(origin).origin),
    secret: MEDIA_SECRET ?? localMediaSecret(dataDir),
    publicUrl: MEDIA_PUBLIC_URL ?? null,
    turn:
      rest.MEDIA_TURN_URLS.length > 0 && MEDIA_TURN_SECRET
        ? { urls: rest.MEDIA_TURN_URLS, secret: MEDIA_TURN_SECRET, ttlSeconds: rest.MEDIA_TURN_TTL_SECONDS }
        : null,
  });
}

/**
 * Without MEDIA_SECRET (development only) a random secret is kept in
 * DATA_DIR/media-secret, where the main server on the same machine can read it too.
 */
function localMediaSecret(dataDir: string): string {
  const file = path.join(dataDir, 'media-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  } catch {
    // not there yet
  }
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
