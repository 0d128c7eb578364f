import type { BeratungClient } from '@beratung/shared';
import { installPlatformKey } from './platform';
import type { HarnessServer } from './support';

/** The harness beyond HarnessServer that chat tests use (server/test/support/app.ts). */
export interface ChatHarness extends HarnessServer {
  client(): BeratungClient;
  loginStaff(email: string, password: string): Promise<BeratungClient>;
  createSeeker(): Promise<{ accountId: string; pseudonym: string; password: string }>;
  db: {
    updateTable(table: 'centers'): {
      set(values: { offers_online_chat: boolean }): {
        where(column: 'id', op: '=', value: string): { execute(): Promise<unknown> };
      };
    };
    insertInto(table: 'center_topics'): {
      values(rows: Array<{ center_id: string; topic_key: string }>): { execute(): Promise<unknown> };
    };
  } & HarnessServer['db'];
}

export interface ChatCenter {
  centerId: string;
  centerName: string;
  /** The counselor (staff account) and their own SDK client in Node. */
  counselor: { accountId: string; email: string; password: string; client: BeratungClient };
  /** A help seeker account logged in with the SDK in Node, connected to the chat. */
  seeker(): Promise<{ accountId: string; pseudonym: string; password: string; client: BeratungClient }>;
  close(): void;
}

/**
 * A center that offers online counseling, with the real trust chain as people set it up:
 * a platform admin holding the platform key certifies the center admin, who publishes
 * the team key for the staff (sealed to each member's key). Only the platform key is
 * provisioned directly.
 */
export async function setUpChatCenter(server: ChatHarness, centerName: string): Promise<ChatCenter> {
  const platformKey = await installPlatformKey(server);
  const platformAccount = await server.createStaff({ platformAdmin: true });
  const platformAdmin = await server.loginStaff(platformAccount.email, platformAccount.password);
  await platformKey.grant(platformAccount.accountId, platformAdmin.identity!);

  const centerId = await server.createCenter(centerName);
  await server.db
    .updateTable('centers')
    .set({ offers_online_chat: true })
    .where('id', '=', centerId)
    .execute();
  await server.db
    .insertInto('center_topics')
    .values(['suchtberatung', 'alkohol'].map((topic_key) => ({ center_id: centerId, topic_key })))
    .execute();
  const adminAccount = await server.createStaff({ centerId, role: 'center_admin' });
  const counselorAccount = await server.createStaff({ centerId, role: 'counselor' });
  const admin = await server.loginStaff(adminAccount.email, adminAccount.password);
  const pending = await platformAdmin.pendingCertificates();
  await platformAdmin.certifyPendingAdmin(pending.find((p) => p.accountId === adminAccount.accountId)!);
  await admin.publishTeamKey(centerId);

  const clients: BeratungClient[] = [];
  const counselorClient = await server.loginStaff(counselorAccount.email, counselorAccount.password);
  await counselorClient.chat.connect();
  clients.push(counselorClient);
  return {
    centerId,
    centerName,
    counselor: { ...counselorAccount, client: counselorClient },
    async seeker() {
      const account = await server.createSeeker();
      const client = server.client();
      await client.login(account.pseudonym, account.password);
      await client.chat.connect();
      clients.push(client);
      return { ...account, client };
    },
    close() {
      for (const client of clients) client.chat.disconnect();
    },
  };
}
