import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrate } from './db/migrate';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { errorHandler, notFoundHandler } from './http/errors';
import { RouteRegistry } from './http/routes';
import { BOOKING_TOKEN_HEADER } from '@beratung/shared/schemas/booking';
import { csrfProtection, sessionMiddleware, type CookieSettings } from './http/session-middleware';
import { buildOpenApi, DOCS_CSS, DOCS_HTML, DOCS_JS } from './http/openapi';
import { PasswordHasher } from './security/password-hasher';
import { RateLimits } from './security/rate-limit';
import { AccountsService } from './accounts/accounts.service';
import { InvitesService } from './accounts/invites.service';
import { accountsRouter, SESSION_CREATING_PATHS } from './accounts/accounts.routes';
import { deleteExpiredSessions } from './accounts/sessions';
import { StaffService } from './centers/staff.service';
import { centersRouter } from './centers/centers.routes';
import { colleaguesRouter } from './centers/colleagues.routes';
import { KeysService } from './keys/keys.service';
import { platformRouter } from './platform/platform.routes';
import { profileRouter } from './directory/profile.routes';
import { directoryRouter, loadGeocoder } from './directory/directory.routes';
import { readPlatformPublicKey } from './platform/platform-key';
import { createMailTransport, messageIdDomainOf, sendDueMails } from './mail/mail-sender';
import { startJobRunner } from './jobs/runner';
import { BookingService } from './booking/booking.service';
import { bookingRouter } from './booking/booking.routes';
import { AppointmentsService } from './booking/appointments.service';
import { appointmentsRouter } from './booking/appointments.routes';
import { bookingSettingsRouter } from './booking/booking-settings.routes';
import {
  createRealtimeServer,
  endAccountSockets,
  sessionAuthenticator,
  type RealtimeServer,
} from './realtime/socket';
import { ChatService } from './chat/chat.service';
import { chatRouter } from './chat/chat.routes';
import { attachChatNamespace, createChatNotifier } from './chat/chat.socket';
import { ChatJobs } from './chat/chat-jobs';
import { chatSettingsRouter } from './chat/chat-settings.routes';
import { AttachmentsService } from './chat/attachments.service';
import { ATTACHMENT_UPLOAD_PATH, attachmentsRouter } from './chat/attachments.routes';
import { DiskBlobStore, S3BlobStore, type BlobStore } from './chat/blob-store';
import { MAX_ENCRYPTED_ATTACHMENT_BYTES } from '@beratung/shared';
import { CallsService } from './calls/calls.service';
import { callsRouter } from './calls/calls.routes';
import { httpMediaControl, mediaSecretSource } from './calls/media-control';
import { MediaNodes } from './calls/media-nodes';
import { mediaNodesRouter } from './calls/media-nodes.routes';

/** Pending connections the kernel queues for accept (see listen below). */
const LISTEN_BACKLOG = 4096;

export interface AppOverrides {
  logger?: Logger;
  /** An already open (and migrated) database, e.g. a test database. */
  database?: DatabaseHandle;
  /** Run background jobs (mail sending, cleanup) in this process; default true. */
  jobs?: boolean;
  now?: () => Date;
}

export interface App {
  config: Readonly<Config>;
  express: Express;
  httpServer: http.Server;
  io: RealtimeServer;
  database: DatabaseHandle;
  registry: RouteRegistry;
  logger: Logger;
  /** Runs one round of the mail job now (tests use it instead of waiting). */
  flushMail(): Promise<number>;
  /** The chat's background work (digests, reply notices, retention), for tests to run now. */
  chatJobs: ChatJobs;
  attachments: AttachmentsService;
  /** Calls; tests run the media check (`calls.checkMedia()`) now instead of waiting. */
  calls: CallsService;
  listen(): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VERSION = '0.1.0';

/** The app factory: wires real dependencies; index.ts only calls it (STYLE.md habit 7). */
/** The ws(s) origins the apps' calls connect to. */
function mediaConnectOrigins(config: Readonly<Config>): string[] {
  const origins = [config.MEDIA_SIGNALLING_URL, ...config.MEDIA_CONNECT_ORIGINS].map(
    (url) => new URL(url).origin,
  );
  return [...new Set(origins)];
}

export async function createApp(config: Readonly<Config>, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const database =
    overrides.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.dataDir,
      poolSize: config.DATABASE_POOL_SIZE,
      onIdleError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
    }));
  if (!overrides.database) {
    const applied = await migrate(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  const { db } = database;

  const redisClient = config.REDIS_URL ? createClient({ url: config.REDIS_URL }) : undefined;
  if (redisClient) {
    redisClient.on('error', (error) => logger.error({ err: error }, 'redis error'));
    await redisClient.connect();
  }

  const cookies: CookieSettings = { secure: config.secureCookies };
  const hasher = new PasswordHasher(config.HASH_WORKERS);
  const rateLimits = new RateLimits(
    {
      loginPerName: config.RATE_LIMIT_LOGIN_PER_NAME,
      loginPerClient: config.RATE_LIMIT_LOGIN_PER_CLIENT,
      registerPerClient: config.RATE_LIMIT_REGISTER_PER_CLIENT,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
      slotReadsPerClient: config.RATE_LIMIT_SLOT_READS_PER_CLIENT,
      holdsPerClient: config.RATE_LIMIT_HOLDS_PER_CLIENT,
      bookingsPerClient: config.RATE_LIMIT_BOOKINGS_PER_CLIENT,
      bookingWindowSeconds: config.RATE_LIMIT_BOOKING_WINDOW_SECONDS,
      manageFailuresPerCode: config.RATE_LIMIT_MANAGE_FAILURES_PER_CODE,
      chatMessagesPerMinute: config.CHAT_MESSAGES_PER_MINUTE,
    },
    config.secretKey,
    redisClient,
  );
  const sessionPolicy = {
    staffIdleTimeoutSeconds: config.STAFF_IDLE_TIMEOUT_SECONDS,
    seekerIdleTimeoutSeconds: config.SEEKER_IDLE_TIMEOUT_SECONDS,
    maxAgeSeconds: config.SESSION_MAX_AGE_SECONDS,
  };
  const platformKey = () => config.PLATFORM_SIGN_PUBLIC_KEY ?? readPlatformPublicKey(config.dataDir);
  const accounts = new AccountsService({
    db,
    hasher,
    secretKey: config.secretKey,
    sessionPolicy,
    now: overrides.now,
  });
  const invites = new InvitesService({
    db,
    hasher,
    sessionPolicy,
    publicUrl: config.PUBLIC_URL,
    inviteTtlHours: config.INVITE_TTL_HOURS,
    now: overrides.now,
  });
  const staff = new StaffService(db);
  const keys = new KeysService(db, platformKey);
  const mediaSecret = mediaSecretSource(config.MEDIA_SECRET, config.dataDir);
  const registry = new RouteRegistry({ mediaSecret });
  const metrics = createMetrics();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(metrics.middleware);
  app.use((req, res, next) => {
    const started = performance.now();
    // Method, route pattern, status, duration: no path values, query, body, IP or cookies.
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      logger.info(
        { method: req.method, route, status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // libsodium runs as WebAssembly in the apps: that needs wasm-unsafe-eval, not unsafe-eval.
          scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          // The browsers' signalling sockets go to the media service(s), not to us.
          connectSrc: ["'self'", ...mediaConnectOrigins(config)],
          workerSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    '/api',
    cors({
      origin: config.allowedOrigins,
      credentials: true,
      allowedHeaders: ['content-type', 'x-csrf-token', BOOKING_TOKEN_HEADER],
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      res.json({ status: 'ready', database: database.kind });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/api/import', express.json({ limit: '25mb' }));
  app.use(
    ATTACHMENT_UPLOAD_PATH,
    express.raw({ type: 'application/octet-stream', limit: MAX_ENCRYPTED_ATTACHMENT_BYTES }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(sessionMiddleware(db, cookies));
  app.use('/api', csrfProtection(config.allowedOrigins, SESSION_CREATING_PATHS));

  app.get('/api/config', (_req, res) => {
    res.json({
      platformSignPublicKey: platformKey(),
      locales: ['de', 'en'],
      staffIdleTimeoutSeconds: config.STAFF_IDLE_TIMEOUT_SECONDS,
    });
  });
  // Sockets of an account whose sessions ended are told and closed (io exists only later).
  let realtime: RealtimeServer | undefined;
  const endSockets = (accountId: string) => {
    if (realtime) endAccountSockets(realtime, accountId, 'logout');
  };
  app.use(accountsRouter({ registry, accounts, rateLimits, cookies, endSockets }));
  // Calls' rooms go to the least-loaded registered media node, or to the one configured.
  const mediaNodes = new MediaNodes(db, {
    fallback: httpMediaControl({
      controlUrl: config.MEDIA_CONTROL_URL,
      secret: mediaSecret,
      signallingUrl: config.MEDIA_SIGNALLING_URL,
    }),
    connect: ({ controlUrl, signallingUrl }) =>
      httpMediaControl({ controlUrl, secret: mediaSecret, signallingUrl }),
    timeoutMs: config.MEDIA_NODE_TIMEOUT_SECONDS * 1000,
    now: overrides.now,
  });
  const calls = new CallsService(
    db,
    createChatNotifier(() => realtime),
    mediaNodes,
    { proposalTtlSeconds: config.CALL_PROPOSAL_TTL_SECONDS },
    logger,
    overrides.now,
  );
  const chat = new ChatService(
    db,
    createChatNotifier(() => realtime),
    { messageSent: (accountId) => rateLimits.consume('chatMessagesPerAccount', accountId) },
    { fallbackCenterId: config.CHAT_FALLBACK_CENTER_ID, inquiriesPerDay: config.CHAT_INQUIRIES_PER_DAY },
    calls,
    database.relaxed,
  );
  app.use(
    centersRouter({
      registry,
      accounts,
      invites,
      staff,
      keys,
      rateLimits,
      cookies,
      endSockets,
      chatTeam: chat,
    }),
  );
  app.use(colleaguesRouter({ registry, db }));
  app.use(platformRouter({ registry, db }));
  app.use(profileRouter({ registry, db }));
  const bookings = new BookingService(db, {
    holdTtlSeconds: config.HOLD_TTL_SECONDS,
    publicUrl: config.PUBLIC_URL,
    now: overrides.now,
  });
  app.use(bookingRouter({ registry, bookings, rateLimits }));
  const appointments = new AppointmentsService(db, bookings, overrides.now);
  app.use(appointmentsRouter({ registry, appointments }));
  app.use(bookingSettingsRouter({ registry, db }));
  const attachments = new AttachmentsService(
    db,
    attachmentStore(config),
    { dailyQuotaBytes: config.CHAT_ATTACHMENT_QUOTA_MB_PER_DAY * 1024 * 1024 },
    logger,
  );
  app.use(chatRouter({ registry, chat, attachments }));
  app.use(attachmentsRouter({ registry, attachments }));
  app.use(chatSettingsRouter({ registry, db }));
  app.use(callsRouter({ registry, calls }));
  app.use(mediaNodesRouter({ registry, nodes: mediaNodes }));
  app.use(directoryRouter({ registry, db, geocoder: await loadGeocoder(), now: overrides.now }));

  const openApi = () => buildOpenApi(registry.routes, { version: VERSION, serverUrl: config.PUBLIC_URL });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi());
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  app.get('/api/docs/docs.js', (_req, res) => {
    res.type('js').send(DOCS_JS);
  });
  app.get('/api/docs/docs.css', (_req, res) => {
    res.type('css').send(DOCS_CSS);
  });
  app.use('/api', notFoundHandler);

  if (config.SERVE_APPS) serveApps(app);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  const httpServer = http.createServer(app);
  const io = (realtime = createRealtimeServer(httpServer, {
    db,
    cookies,
    allowedOrigins: config.allowedOrigins,
    logger,
    redisClient,
  }));
  attachChatNamespace(io, { chat, db, logger, authenticate: sessionAuthenticator({ db, cookies, logger }) });

  const transport = createMailTransport({
    smtpUrl: config.SMTP_URL,
    outboxDir: path.join(config.dataDir, 'outbox'),
    logger,
  });
  const mailSender = { from: config.MAIL_FROM, messageIdDomain: messageIdDomainOf(config.PUBLIC_URL) };
  const chatJobs = new ChatJobs(db, {
    publicUrl: config.PUBLIC_URL,
    seekerRetentionDays: config.CHAT_SEEKER_RETENTION_DAYS,
    now: overrides.now,
  });
  const flushMail = () => sendDueMails(db, transport, mailSender);
  const jobs =
    overrides.jobs === false
      ? undefined
      : startJobRunner(
          [
            { name: 'mail', intervalMs: 1000, run: flushMail },
            { name: 'expired-holds', intervalMs: 60 * 1000, run: () => bookings.purgeExpiredHolds() },
            { name: 'booking-reminders', intervalMs: 60 * 1000, run: () => bookings.queueDueReminders() },
            {
              name: 'booking-contact-retention',
              intervalMs: 60 * 60 * 1000,
              run: () => bookings.deleteExpiredContactData(),
            },
            {
              name: 'chat-inquiry-digests',
              intervalMs: 60 * 1000,
              run: () => chatJobs.queueInquiryDigests(),
            },
            { name: 'chat-reply-notices', intervalMs: 60 * 1000, run: () => chatJobs.queueReplyNotices() },
            { name: 'chat-retention', intervalMs: 60 * 60 * 1000, run: () => chatJobs.deleteExpired() },
            { name: 'attachment-cleanup', intervalMs: 60 * 1000, run: () => attachments.deleteOrphans() },
            { name: 'call-proposal-expiry', intervalMs: 15 * 1000, run: () => calls.expireProposals() },
            {
              name: 'call-media-check',
              intervalMs: config.CALL_MEDIA_CHECK_SECONDS * 1000,
              run: () => calls.checkMedia(),
            },
            { name: 'session-cleanup', intervalMs: 10 * 60 * 1000, run: () => deleteExpiredSessions(db) },
          ],
          logger,
        );

  let stopped = false;
  return {
    config,
    express: app,
    httpServer,
    io,
    database,
    registry,
    logger,
    flushMail,
    chatJobs,
    attachments,
    calls,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        // Node's default accept queue (511) overflows when a few thousand clients connect
        // at once (a restart, a burst of requests): the kernel then drops connection
        // attempts and clients retry after 1, 3, 7 s. The kernel caps it at somaxconn.
        httpServer.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.PORT;
          const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
          resolve({ port, url: `http://${host}:${port}` });
        });
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await jobs?.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      transport.close();
      await hasher.close();
      if (redisClient) await redisClient.quit();
      if (!overrides.database) await database.close();
    },
  };
}

/** The built apps, same origin as the API: help seekers at /, staff at /admin/. */
function serveApps(app: Express): void {
  const apps: Array<[string, string]> = [
    ['/admin', path.join(repoRoot, 'admin', 'dist')],
    ['/', path.join(repoRoot, 'client', 'dist')],
  ];
  for (const [mount, dir] of apps) {
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index)) continue;
    app.use(mount, express.static(dir, { index: 'index.html', maxAge: '1h' }));
    app.get(mount === '/' ? /^\/(?!api\/|socket\.io\/|admin\/).*/ : /^\/admin(\/.*)?$/, (_req, res) => {
      res.sendFile(index);
    });
  }
}

/** Where encrypted attachments go: an S3-compatible store when configured, else DATA_DIR. */
function attachmentStore(config: Readonly<Config>): BlobStore {
  if (config.S3_ENDPOINT && config.S3_BUCKET && config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    return new S3BlobStore({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    });
  }
  return new DiskBlobStore(path.join(config.dataDir, 'attachments'));
}
