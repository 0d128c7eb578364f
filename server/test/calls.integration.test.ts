import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeratungClient, CallView } from '@beratung/shared';
import { startTestMedia, TEST_SECRET, type TestMedia } from '../../media/test/support/media';
import { TestParticipant, until } from '../../media/test/support/participant-client';
import { nextEvent, startChatWorld, type ChatWorld } from './support/chat-center';

/**
 * Consented calls against the REAL media service (in-process, loopback, its own UDP
 * ports): the counselor proposes, the help seeker accepts, both join the SFU room with
 * their single-use tokens and receive each other's packets; hang-up closes the room.
 */
let media: TestMedia;
let world: ChatWorld;
let seeker: { accountId: string; client: BeratungClient };
let counselor: { accountId: string; client: BeratungClient };
let otherCounselor: { accountId: string; client: BeratungClient };
let outsider: { accountId: string; client: BeratungClient };
let conversationId: string;
const participants: TestParticipant[] = [];

beforeAll(async () => {
  media = await startTestMedia({ udpPorts: [43100, 43199] });
  world = await startChatWorld({
    MEDIA_CONTROL_URL: media.controlUrl,
    MEDIA_SECRET: TEST_SECRET,
    MEDIA_SIGNALLING_URL: media.signallingUrl,
    CHAT_MESSAGES_PER_MINUTE: '1000',
  });
  [counselor, otherCounselor] = world.center.counselors as [typeof counselor, typeof counselor];
  seeker = await world.connectedSeeker();
  outsider = await world.connectedSeeker();
  const view = await seeker.client.chat.startInquiry({
    centerId: world.center.centerId,
    topic: 'suchtberatung',
    text: 'Hallo',
  });
  conversationId = view.id;
  await counselor.client.chat.takeOver(conversationId);
});

afterAll(async () => {
  for (const participant of participants) await participant.close();
  await world?.close();
  await media?.stop();
});

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: { status?: number; code?: string }) => `${error.status} ${error.code}`,
  );

function join(info: { signallingUrl: string; roomId: string; token: string }) {
  const participant = TestParticipant.open(info.signallingUrl, info.roomId, info.token);
  participants.push(participant);
  return participant;
}

describe('a consented video call', () => {
  let call: CallView;

  it('is proposed by the counselor; the help seeker sees the proposal and the system event', async () => {
    const seen = nextEvent(seeker.client.chat, 'call', (c) => c.status === 'proposed');
    const event = nextEvent(seeker.client.chat, 'message', (m) => m.event === 'call_proposed');
    call = await counselor.client.chat.proposeCall(conversationId, 'video');
    expect(call).toMatchObject({ conversationId, kind: 'video', status: 'proposed', seq: 1, keyEpoch: 1 });
    expect(await seen).toMatchObject({ id: call.id, status: 'proposed', proposedBy: counselor.accountId });
    const message = await event;
    expect(message).toMatchObject({ kind: 'system', senderId: counselor.accountId });
    expect(message.text ?? null).toBeNull();
    // nobody can join before the help seeker agrees, and no room exists yet
    expect(await status(counselor.client.chat.joinInfo(call.id))).toBe('409 CALL_NOT_ACTIVE');
    expect((await media.control('GET', `/rooms/call-${call.id}`)).status).toBe(404);
    // one open call per conversation
    expect(await status(counselor.client.chat.proposeCall(conversationId, 'audio'))).toBe(
      '409 CALL_IN_PROGRESS',
    );
  });

  it('refuses everyone but the two participants, and each of them outside their role', async () => {
    expect(await status(seeker.client.chat.proposeCall(conversationId, 'video'))).toBe('403 FORBIDDEN');
    expect(await status(counselor.client.chat.acceptCall(call.id))).toBe('403 FORBIDDEN');
    expect(await status(otherCounselor.client.chat.proposeCall(conversationId, 'audio'))).toBe(
      '404 NOT_FOUND',
    );
    expect(await status(otherCounselor.client.chat.endCall(call.id))).toBe('404 NOT_FOUND');
    expect(await status(otherCounselor.client.chat.joinInfo(call.id))).toBe('404 NOT_FOUND');
    expect(await status(outsider.client.chat.acceptCall(call.id))).toBe('404 NOT_FOUND');
    expect(await status(outsider.client.chat.declineCall(call.id))).toBe('404 NOT_FOUND');
    expect(await status(outsider.client.chat.call(call.id))).toBe('404 NOT_FOUND');
    expect(await status(outsider.client.chat.calls(conversationId))).toBe('404 NOT_FOUND');
  });

  it('starts when the help seeker accepts: both join and receive each other’s media', async () => {
    const counselorSees = nextEvent(counselor.client.chat, 'call', (c) => c.status === 'accepted');
    const started = nextEvent(counselor.client.chat, 'message', (m) => m.event === 'call_started');
    const accepted = await seeker.client.chat.acceptCall(call.id);
    expect(accepted).toMatchObject({ id: call.id, status: 'accepted' });
    await counselorSees;
    await started;
    expect((await media.control('GET', `/rooms/call-${call.id}`)).status).toBe(200);

    // both derive the same media key from the conversation key; the server never sees it
    const [seekerKey, counselorKey] = await Promise.all([
      seeker.client.chat.callMediaKey(accepted),
      counselor.client.chat.callMediaKey(accepted),
    ]);
    expect(seekerKey).toEqual(counselorKey);

    const seekerInfo = await seeker.client.chat.joinInfo(call.id);
    const counselorInfo = await counselor.client.chat.joinInfo(call.id);
    expect(seekerInfo).toMatchObject({ signallingUrl: media.signallingUrl, roomId: `call-${call.id}` });
    expect(seekerInfo.token).not.toBe(counselorInfo.token);
    expect(Date.parse(seekerInfo.expiresAt)).toBeGreaterThan(Date.now());

    const seekerPeer = join(seekerInfo);
    const counselorPeer = join(counselorInfo);
    expect(await seekerPeer.waitFor('joined')).toMatchObject({ participantId: seeker.accountId });
    expect(await counselorPeer.waitFor('joined')).toMatchObject({ participantId: counselor.accountId });
    await seekerPeer.waitConnected();
    await counselorPeer.waitConnected();
    seekerPeer.startMedia();
    counselorPeer.startMedia();
    await until(
      () =>
        ['audio', 'video'].every(
          (kind) =>
            (seekerPeer.received.get(`${counselor.accountId}:${kind}`)?.length ?? 0) > 5 &&
            (counselorPeer.received.get(`${seeker.accountId}:${kind}`)?.length ?? 0) > 5,
        ),
      10_000,
      'media both ways',
    );

    // a used token cannot be presented again, by its owner or by anyone else
    const reused = join(seekerInfo);
    expect(await reused.waitFor('error')).toMatchObject({ code: 'TOKEN_REFUSED' });
    expect(await reused.waitForClose()).toBe(4401);
    // the chat keeps working during the call
    const sent = await seeker.client.chat.send(conversationId, 'Ich höre Sie gut');
    expect(sent.text).toBe('Ich höre Sie gut');

    // hang up: the call ends for both, the room is gone
    const seekerSeesEnd = nextEvent(seeker.client.chat, 'call', (c) => c.status === 'ended');
    const ended = nextEvent(seeker.client.chat, 'message', (m) => m.event === 'call_ended');
    expect(await counselor.client.chat.endCall(call.id)).toMatchObject({
      status: 'ended',
      endReason: 'hung_up',
    });
    expect(await seekerSeesEnd).toMatchObject({ id: call.id, status: 'ended' });
    expect(await ended).toMatchObject({ senderId: counselor.accountId });
    expect(await seekerPeer.waitForClose()).toBe(4000);
    expect(await counselorPeer.waitForClose()).toBe(4000);
    expect(seekerPeer.messages).toContainEqual({ type: 'closed', reason: 'room-closed' });
    expect((await media.control('GET', `/rooms/call-${call.id}`)).status).toBe(404);
    expect((await media.control('GET', '/stats')).body).toMatchObject({ rooms: 0 });
    expect(await status(seeker.client.chat.joinInfo(call.id))).toBe('409 CALL_NOT_ACTIVE');
    // ending again changes nothing
    expect(await seeker.client.chat.endCall(call.id)).toMatchObject({ status: 'ended' });
  });

  it('a third party never gets a token: a stolen one is single-use', async () => {
    const second = await counselor.client.chat.proposeCall(conversationId, 'audio');
    expect(second.seq).toBe(2);
    await seeker.client.chat.acceptCall(second.id);
    expect(await status(outsider.client.chat.joinInfo(second.id))).toBe('404 NOT_FOUND');
    const info = await seeker.client.chat.joinInfo(second.id);
    const owner = join(info);
    await owner.waitFor('joined');
    // the same token, stolen and presented by someone else afterwards
    const thief = join(info);
    expect(await thief.waitFor('error')).toMatchObject({ code: 'TOKEN_REFUSED' });
    await seeker.client.chat.endCall(second.id);
    expect(await owner.waitForClose()).toBe(4000);
  });
});

describe('a declined call', () => {
  it('never gets a room; nobody can join', async () => {
    const call = await counselor.client.chat.proposeCall(conversationId, 'video');
    const counselorSees = nextEvent(counselor.client.chat, 'call', (c) => c.status === 'declined');
    const declinedEvent = nextEvent(counselor.client.chat, 'message', (m) => m.event === 'call_declined');
    expect(await seeker.client.chat.declineCall(call.id)).toMatchObject({ status: 'declined' });
    await counselorSees;
    await declinedEvent;
    expect(await status(seeker.client.chat.joinInfo(call.id))).toBe('409 CALL_NOT_ACTIVE');
    expect(await status(counselor.client.chat.joinInfo(call.id))).toBe('409 CALL_NOT_ACTIVE');
    expect(await status(seeker.client.chat.acceptCall(call.id))).toBe('409 CALL_NOT_PROPOSED');
    expect((await media.control('GET', `/rooms/call-${call.id}`)).status).toBe(404);
    const calls = await seeker.client.chat.calls(conversationId);
    expect(calls.map((c) => c.status)).toEqual(['ended', 'ended', 'declined']);
  });
});

describe('an unanswered proposal', () => {
  it('expires: it can no longer be accepted, and another call can be proposed', async () => {
    const call = await counselor.client.chat.proposeCall(conversationId, 'video');
    await world.server.db
      .updateTable('calls')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', call.id)
      .execute();
    const counselorSees = nextEvent(counselor.client.chat, 'call', (c) => c.status === 'expired');
    expect(await status(seeker.client.chat.acceptCall(call.id))).toBe('409 CALL_EXPIRED');
    expect(await counselorSees).toMatchObject({ id: call.id, endReason: 'expired' });
    expect((await media.control('GET', `/rooms/call-${call.id}`)).status).toBe(404);
    const withdrawn = await counselor.client.chat.proposeCall(conversationId, 'audio');
    expect(await counselor.client.chat.endCall(withdrawn.id)).toMatchObject({
      status: 'ended',
      endReason: 'withdrawn',
    });
  });
});

describe('when the media service is down', () => {
  it('accepting answers 503 MEDIA_UNAVAILABLE, the call ends and the chat continues', async () => {
    const call = await counselor.client.chat.proposeCall(conversationId, 'audio');
    await media.stop();
    const counselorSees = nextEvent(counselor.client.chat, 'call', (c) => c.status === 'ended');
    expect(await status(seeker.client.chat.acceptCall(call.id))).toBe('503 MEDIA_UNAVAILABLE');
    expect(await counselorSees).toMatchObject({ id: call.id, endReason: 'media_unavailable' });
    expect(await seeker.client.chat.call(call.id)).toMatchObject({ status: 'ended' });
    const sent = await counselor.client.chat.send(conversationId, 'Dann schreiben wir weiter');
    expect(sent.text).toBe('Dann schreiben wir weiter');
  });
});
