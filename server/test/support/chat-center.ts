import {
  generatePlatformSigningKey,
  type BeratungClient,
  type ChatCalls,
  type ChatEventMap,
} from '@beratung/shared';
import { grantPlatformKey } from '../../src/accounts/provision';
import { writePlatformPublicKey } from '../../src/platform/platform-key';
import { startTestServer, type TestServer } from './app';

export interface ChatCenter {
  centerId: string;
  admin: BeratungClient;
  counselors: Array<{ accountId: string; client: BeratungClient }>;
}

/**
 * The real trust chain, as people would set it up: a platform admin holding the
 * platform key certifies a center admin, who publishes the team key for the center's
 * counselors. Everything goes through the SDK; only the platform key is provisioned.
 */
export async function setUpPlatform(server: TestServer): Promise<BeratungClient> {
  const platform = await generatePlatformSigningKey();
  writePlatformPublicKey(server.dataDir, platform.publicKey);
  const platformAdmin = await server.createStaff({ platformAdmin: true });
  const client = await server.loginStaff(platformAdmin.email, platformAdmin.password);
  await grantPlatformKey(server.db, platformAdmin.accountId, client.identity!, platform);
  return client;
}

export async function setUpChatCenter(
  server: TestServer,
  platformAdmin: BeratungClient,
  options: { counselors?: number; name?: string; topics?: string[]; id?: string } = {},
): Promise<ChatCenter> {
  const centerId = options.id
    ? (
        await server.db
          .insertInto('centers')
          .values({
            id: options.id,
            organisation: 'Testträger e. V.',
            name: options.name ?? 'Beratungsstelle',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    : await server.createCenter(options.name);
  await server.db
    .updateTable('centers')
    .set({ offers_online_chat: true })
    .where('id', '=', centerId)
    .execute();
  const topics = options.topics ?? ['suchtberatung', 'schuldnerberatung'];
  await server.db
    .insertInto('center_topics')
    .values(topics.map((topic_key) => ({ center_id: centerId, topic_key })))
    .execute();
  const adminAccount = await server.createStaff({ centerId, role: 'center_admin' });
  const counselorAccounts = [];
  for (let i = 0; i < (options.counselors ?? 2); i++) {
    counselorAccounts.push(await server.createStaff({ centerId, role: 'counselor' }));
  }
  const admin = await server.loginStaff(adminAccount.email, adminAccount.password);
  const pending = await platformAdmin.pendingCertificates();
  const subject = pending.find((p) => p.accountId === adminAccount.accountId && p.centerId === centerId);
  if (!subject) throw new Error('center admin is not waiting for a certificate');
  await platformAdmin.certifyPendingAdmin(subject);
  await admin.publishTeamKey(centerId);
  const counselors = [];
  for (const account of counselorAccounts) {
    counselors.push({
      accountId: account.accountId,
      client: await server.loginStaff(account.email, account.password),
    });
  }
  return { centerId, admin, counselors };
}

export async function loggedInSeeker(
  server: TestServer,
): Promise<{ accountId: string; client: BeratungClient }> {
  const seeker = await server.createSeeker();
  const client = server.client();
  await client.login(seeker.pseudonym, seeker.password);
  return { accountId: seeker.accountId, client };
}

/** Resolves with the first chat event that matches, or rejects after a timeout. */
export function nextEvent<K extends keyof ChatEventMap>(
  chat: ChatCalls,
  event: K,
  match: (value: ChatEventMap[K]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ChatEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const off = chat.on(event, (value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** A test server with the trust chain set up, one chat center, its counselors online. */
export interface ChatWorld {
  server: TestServer;
  platformAdmin: BeratungClient;
  center: ChatCenter;
  /** Connects a client's chat; it is disconnected at close(). */
  online(client: BeratungClient): Promise<BeratungClient>;
  /** A newly registered help seeker, logged in and connected. */
  connectedSeeker(): Promise<{ accountId: string; client: BeratungClient }>;
  close(): Promise<void>;
}

export async function startChatWorld(
  env: Record<string, string>,
  options: { counselors?: number } = {},
): Promise<ChatWorld> {
  const server = await startTestServer(env);
  const platformAdmin = await setUpPlatform(server);
  const center = await setUpChatCenter(server, platformAdmin, { counselors: options.counselors ?? 2 });
  const connected: BeratungClient[] = [];
  const online = async (client: BeratungClient) => {
    await client.chat.connect();
    connected.push(client);
    return client;
  };
  for (const { client } of center.counselors) await online(client);
  return {
    server,
    platformAdmin,
    center,
    online,
    async connectedSeeker() {
      const seeker = await loggedInSeeker(server);
      await online(seeker.client);
      return seeker;
    },
    async close() {
      for (const client of connected) client.chat.disconnect();
      await server.close();
    },
  };
}
