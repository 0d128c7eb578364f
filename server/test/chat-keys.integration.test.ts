import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptMessage,
  getSodium,
  openSealed,
  type BeratungClient,
  type ChatMessage,
} from '@beratung/shared';
import { startTestServer, type TestServer } from './support/app';
import { loggedInSeeker, nextEvent, setUpChatCenter, setUpPlatform } from './support/chat-center';

/**
 * Team key grants and rotation (ARCHITECTURE.md §5): the server orchestrates, the
 * members' clients do the work, and only members an admin signed onto the list ever
 * get the team key.
 */
let server: TestServer;
let platformAdmin: BeratungClient;
const clients: BeratungClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ CHAT_INQUIRIES_PER_DAY: '50' });
  platformAdmin = await setUpPlatform(server);
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.chat.disconnect();
  await server?.close();
});

async function online(client: BeratungClient): Promise<BeratungClient> {
  await client.chat.connect();
  clients.push(client);
  return client;
}

async function grantsOf(centerId: string, accountId: string) {
  return server.db
    .selectFrom('team_key_grants')
    .select('epoch')
    .where('center_id', '=', centerId)
    .where('account_id', '=', accountId)
    .execute();
}

describe('a counselor who joins after the team key was made', () => {
  it('gets it from a colleague once an admin has signed them onto the member list', async () => {
    const center = await setUpChatCenter(server, platformAdmin, { counselors: 1 });
    await online(center.counselors[0]!.client);
    const { client: seekerClient } = await loggedInSeeker(server);
    await online(seekerClient);
    const inquiry = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'alkohol',
      text: 'Wer liest das?',
    });

    // The newcomer is a member (invitation accepted), but with no admin online nobody
    // signed them onto the list: the colleague's client hands on nothing.
    const newcomer = await server.createStaff({ centerId: center.centerId, role: 'counselor' });
    const newcomerClient = await online(await server.loginStaff(newcomer.email, newcomer.password));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await grantsOf(center.centerId, newcomer.accountId)).toEqual([]);
    const locked = await newcomerClient.chat.queue(center.centerId);
    expect(locked.find((q) => q.id === inquiry.id)).toMatchObject({ error: 'NO_KEY' });
    expect(locked.find((q) => q.id === inquiry.id)?.firstText).toBeUndefined();

    // The admin comes online: their client signs the new list, the colleague's client seals the key.
    const granted = nextEvent(newcomerClient.chat, 'keys', (k) => k.centerId === center.centerId, 10_000);
    await online(center.admin);
    await expect
      .poll(async () => (await grantsOf(center.centerId, newcomer.accountId)).length, { timeout: 10_000 })
      .toBe(1);
    await granted;
    const queue = await newcomerClient.chat.queue(center.centerId);
    expect(queue.find((q) => q.id === inquiry.id)?.firstText).toBe('Wer liest das?');
  });

  it('gets nothing from a member list the server altered: clients check the signature', async () => {
    const center = await setUpChatCenter(server, platformAdmin, { counselors: 1 });
    const intruder = await server.createStaff({ centerId: center.centerId, role: 'counselor' });
    const intruderKeys = await server.db
      .selectFrom('accounts')
      .select(['box_public_key', 'sign_public_key'])
      .where('id', '=', intruder.accountId)
      .executeTakeFirstOrThrow();
    // A malicious server appends the intruder to the signed list without a new signature.
    const list = await server.db
      .selectFrom('center_member_lists')
      .selectAll()
      .where('center_id', '=', center.centerId)
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(list.payload) as { members: unknown[] };
    payload.members.push({
      accountId: intruder.accountId,
      boxPublicKey: intruderKeys.box_public_key,
      signPublicKey: intruderKeys.sign_public_key,
    });
    await server.db
      .updateTable('center_member_lists')
      .set({ payload: JSON.stringify(payload) })
      .where('center_id', '=', center.centerId)
      .execute();
    const colleague = center.counselors[0]!.client;
    await expect(colleague.maintainTeamKeys(center.centerId)).rejects.toMatchObject({
      code: 'TRUST_CHAIN_INVALID',
    });
    expect(await grantsOf(center.centerId, intruder.accountId)).toEqual([]);
  });
});

describe('a counselor who leaves the center', () => {
  it('rotates the team key and the conversation key: they decrypt nothing written afterwards', async () => {
    const center = await setUpChatCenter(server, platformAdmin, { counselors: 2 });
    const [leaving, staying] = center.counselors;
    await online(leaving!.client);
    await online(staying!.client);
    const { client: seekerClient } = await loggedInSeeker(server);
    await online(seekerClient);
    const inquiry = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'drogen',
      text: 'Vor dem Wechsel',
    });
    await leaving!.client.chat.takeOver(inquiry.id);
    await leaving!.client.chat.send(inquiry.id, 'Ich bin für Sie da.');

    // Everything the leaving counselor's client holds: identity and the epoch-1 team key.
    const leavingIdentity = leaving!.client.identity!;
    const leavingGrant = await leaving!.client.api.get<Array<{ epoch: number; sealedKey: string }>>(
      `/api/centers/${center.centerId}/team-key-grants`,
    );
    const sodium = await getSodium();
    const oldTeamSecret = await openSealed(
      leavingGrant[0]!.sealedKey,
      leavingIdentity.boxPublicKey,
      leavingIdentity.boxSecretKey,
    );

    await online(center.admin);
    const counselorLeft = nextEvent(
      seekerClient.chat,
      'message',
      (m) => m.conversationId === inquiry.id && m.event === 'counselor_left',
    );
    await center.admin.removeStaff(center.centerId, leaving!.accountId);
    await counselorLeft;

    // The admin's client rotates the team key; the seeker's client renews the conversation key.
    await expect
      .poll(async () => (await seekerClient.chat.conversation(inquiry.id)).keyEpoch, { timeout: 10_000 })
      .toBe(2);
    const renewed = await seekerClient.chat.conversation(inquiry.id);
    expect(renewed).toMatchObject({ status: 'waiting', counselorId: null, needsRekey: false, teamEpoch: 2 });
    expect(await grantsOf(center.centerId, leaving!.accountId)).toEqual([{ epoch: 1 }]);

    // The colleague who stays reads the whole conversation and continues it.
    const queue = await staying!.client.chat.queue(center.centerId);
    expect(queue.find((q) => q.id === inquiry.id)?.firstText).toBe('Vor dem Wechsel');
    await staying!.client.chat.takeOver(inquiry.id);
    await seekerClient.chat.send(inquiry.id, 'Nach dem Wechsel geschrieben');
    const history = await staying!.client.chat.history(inquiry.id);
    expect(history.messages.filter((m) => m.text).map((m) => m.text)).toEqual([
      'Vor dem Wechsel',
      'Ich bin für Sie da.',
      'Nach dem Wechsel geschrieben',
    ]);

    // The former counselor, even handed every stored row by a compromised server, opens
    // every key they can and still cannot read what was written after they left.
    const rows = await server.db.selectFrom('conversation_keys').selectAll().execute();
    const opened: Uint8Array[] = [];
    for (const row of rows) {
      for (const [pk, sk] of [
        [leavingIdentity.boxPublicKey, leavingIdentity.boxSecretKey],
        [sodium.crypto_scalarmult_base(oldTeamSecret), oldTeamSecret],
      ] as const) {
        try {
          opened.push(await openSealed(row.sealed_key, pk, sk));
        } catch {
          // not sealed to this key
        }
      }
    }
    expect(opened.length).toBeGreaterThan(0);
    const after = (
      await server.db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', inquiry.id)
        .where('kind', '=', 'message')
        .orderBy('seq')
        .execute()
    ).at(-1)!;
    expect(after.key_epoch).toBe(2);
    const attempt = async (key: Uint8Array) =>
      decryptMessage(
        key,
        {
          conversationId: inquiry.id,
          keyEpoch: after.key_epoch!,
          senderId: after.sender_id!,
          clientMessageId: after.client_message_id!,
        },
        { nonce: after.nonce!, ciphertext: after.ciphertext! },
      ).then(
        () => 'read',
        () => 'refused',
      );
    expect(await Promise.all(opened.map(attempt))).not.toContain('read');
    // …while the epoch-1 key they held does open what they were part of (the test is not blind).
    const before = (
      await staying!.client.api.get<{ messages: ChatMessage[] }>(`/api/conversations/${inquiry.id}/messages`)
    ).messages[0]!;
    const readable = await Promise.all(
      opened.map((key) =>
        decryptMessage(
          key,
          {
            conversationId: inquiry.id,
            keyEpoch: 1,
            senderId: before.senderId!,
            clientMessageId: before.clientMessageId!,
          },
          { nonce: before.nonce!, ciphertext: before.ciphertext! },
        ).catch(() => undefined),
      ),
    );
    expect(readable).toContain('Vor dem Wechsel');
  });
});

describe('moving a consultation to another center', () => {
  it('needs the help seeker’s consent; then the other team reads it all and the former counselor is out', async () => {
    const from = await setUpChatCenter(server, platformAdmin, { counselors: 1 });
    const to = await setUpChatCenter(server, platformAdmin, { counselors: 1 });
    const counselor = await online(from.counselors[0]!.client);
    const colleague = await online(to.counselors[0]!.client);
    const { client: seekerClient } = await loggedInSeeker(server);
    await online(seekerClient);
    const inquiry = await seekerClient.chat.startInquiry({
      centerId: from.centerId,
      topic: 'alkohol',
      text: 'Ich bin umgezogen.',
    });
    await counselor.chat.takeOver(inquiry.id);

    // The help seeker may not be moved without being asked, and can say no.
    await expect(
      seekerClient.api.post(`/api/conversations/${inquiry.id}/transfer`, { centerId: to.centerId }),
    ).rejects.toMatchObject({ status: 403 });
    const proposed = nextEvent(
      seekerClient.chat,
      'conversation',
      (c) => c.id === inquiry.id && 'transferCenterId' in c && c.transferCenterId === to.centerId,
    );
    await counselor.chat.proposeTransfer(inquiry.id, to.centerId);
    expect(await proposed).toMatchObject({ transferCenterName: expect.any(String) });
    await seekerClient.chat.declineTransfer(inquiry.id);
    expect(await seekerClient.chat.conversation(inquiry.id)).toMatchObject({
      centerId: from.centerId,
      transferCenterId: null,
    });
    await expect(seekerClient.chat.acceptTransfer(inquiry.id)).rejects.toMatchObject({
      code: 'NO_TRANSFER_PROPOSED',
    });

    // Asked again, the help seeker agrees: the keys go to the other team only now.
    await counselor.chat.proposeTransfer(inquiry.id, to.centerId);
    await expect(
      counselor.api.post(`/api/conversations/${inquiry.id}/transfer/accept`, {
        teamEpoch: 1,
        sealedForTeam: [],
      }),
    ).rejects.toMatchObject({ status: 403 });
    const queued = nextEvent(colleague.chat, 'queueAdded', (q) => q.id === inquiry.id);
    const moved = await seekerClient.chat.acceptTransfer(inquiry.id);
    expect(moved).toMatchObject({ centerId: to.centerId, status: 'waiting', counselorId: null });
    expect((await queued).firstText).toBe('Ich bin umgezogen.');
    await colleague.chat.takeOver(inquiry.id);
    const events = (await colleague.chat.history(inquiry.id)).messages.map((m) => m.text ?? m.event);
    expect(events).toEqual([
      'Ich bin umgezogen.',
      'taken',
      'transfer_proposed',
      'transfer_declined',
      'transfer_proposed',
      'transferred',
      'taken',
    ]);
    await expect(counselor.chat.send(inquiry.id, 'Noch da?')).rejects.toMatchObject({ status: 404 });
    // The former center's team keys for it are gone.
    const teamKeys = await server.db
      .selectFrom('conversation_keys')
      .select('team_epoch')
      .where('conversation_id', '=', inquiry.id)
      .where('team_epoch', 'is not', null)
      .execute();
    expect(teamKeys).toHaveLength(1);
  });
});
