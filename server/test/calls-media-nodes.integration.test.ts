import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { BeratungClient, CallView } from '@beratung/shared';
import { startTestMedia, TEST_SECRET, type TestMedia } from '../../media/test/support/media';
import { TestParticipant } from '../../media/test/support/participant-client';
import { startJobRunner } from '../src/jobs/runner';
import { nextEvent, startChatWorld, type ChatWorld } from './support/chat-center';

/**
 * Scale-out and failure of calls against REAL media services (in-process, loopback,
 * UDP 43300–43499): two nodes register and heartbeat, calls go to the least-loaded
 * live node, and calls end cleanly when their node stops (media_failed), their room
 * idles out (room_closed) or the conversation is handed over (handed_over). A third,
 * unregistered media service is the static fallback once no node is live.
 */
const HEARTBEAT_SECONDS = '0.25';
const NODE_TIMEOUT_SECONDS = '1.5';

type Person = { accountId: string; client: BeratungClient };
let world: ChatWorld;
let nodeA: TestMedia;
let nodeB: TestMedia;
let fallback: TestMedia;
let counselor: Person;
let colleague: Person;
let check: { stop(): Promise<void> };
const participants: TestParticipant[] = [];
const stopped = new Set<TestMedia>();

const nodeEnv = (nodeId: string) => ({
  MEDIA_REGISTER_URL: world.server.url,
  MEDIA_NODE_ID: nodeId,
  MEDIA_HEARTBEAT_SECONDS: HEARTBEAT_SECONDS,
  MEDIA_ROOM_IDLE_SECONDS: '3',
});

beforeAll(async () => {
  // The static media service: never registers; used only while no node is live.
  fallback = await startTestMedia({ udpPorts: [43460, 43499], env: { MEDIA_ROOM_IDLE_SECONDS: '1' } });
  world = await startChatWorld({
    MEDIA_CONTROL_URL: fallback.controlUrl,
    MEDIA_SIGNALLING_URL: fallback.signallingUrl,
    MEDIA_SECRET: TEST_SECRET,
    MEDIA_NODE_TIMEOUT_SECONDS: NODE_TIMEOUT_SECONDS,
    CHAT_MESSAGES_PER_MINUTE: '1000',
  });
  [counselor, colleague] = world.center.counselors as [Person, Person];
  // The test server runs no jobs; this is the media check job, on a short period.
  check = startJobRunner(
    [{ name: 'call-media-check', intervalMs: 150, run: () => world.server.app.calls.checkMedia() }],
    pino({ level: 'silent' }),
  );
  nodeA = await startTestMedia({ udpPorts: [43300, 43379], env: nodeEnv('media-a') });
  nodeB = await startTestMedia({ udpPorts: [43380, 43459], env: nodeEnv('media-b') });
}, 120_000);

afterAll(async () => {
  await check?.stop();
  for (const participant of participants) await participant.close();
  await world?.close();
  for (const media of [nodeA, nodeB, fallback]) if (media && !stopped.has(media)) await media.stop();
});

const stop = async (media: TestMedia) => {
  stopped.add(media);
  await media.stop();
};

const node = (id: string) =>
  world.server.db.selectFrom('media_nodes').selectAll().where('id', '=', id).executeTakeFirst();

async function waitForNode(
  id: string,
  ready: (row: NonNullable<Awaited<ReturnType<typeof node>>>) => boolean,
) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await node(id);
    if (row && ready(row)) return row;
    if (Date.now() > deadline) throw new Error(`node ${id} never got there`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const callRow = (id: string) =>
  world.server.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A new help seeker's conversation, taken over by the counselor. */
async function conversation(by: Person = counselor): Promise<{ seeker: Person; conversationId: string }> {
  const seeker = await world.connectedSeeker();
  const view = await seeker.client.chat.startInquiry({
    centerId: world.center.centerId,
    topic: 'suchtberatung',
    text: 'Hallo',
  });
  await by.client.chat.takeOver(view.id);
  return { seeker, conversationId: view.id };
}

/** Proposed by the counselor, accepted by the help seeker: running. */
async function runningCall(seeker: Person, conversationId: string, by: Person = counselor) {
  const call = await by.client.chat.proposeCall(conversationId, 'audio');
  return seeker.client.chat.acceptCall(call.id);
}

/** Both join the call's room and are in it. */
async function joinBoth(call: CallView, seeker: Person, other: Person = counselor) {
  const peers = [];
  for (const person of [seeker, other]) {
    const info = await person.client.chat.joinInfo(call.id);
    const peer = TestParticipant.open(info.signallingUrl, info.roomId, info.token, ['audio']);
    participants.push(peer);
    peers.push({ peer, info });
  }
  for (const { peer } of peers) await peer.waitFor('joined');
  return peers;
}

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: { status?: number; code?: string }) => `${error.status} ${error.code}`,
  );

/** Both sides hear that the call ended, with this reason, and get the system event. */
function bothSeeEnd(call: CallView, people: Person[], endReason: string, timeoutMs = 10_000) {
  return Promise.all(
    people.flatMap((person) => [
      nextEvent(person.client.chat, 'call', (c) => c.id === call.id && c.status === 'ended', timeoutMs),
      nextEvent(
        person.client.chat,
        'message',
        (m) => m.conversationId === call.conversationId && m.event === 'call_ended',
        timeoutMs,
      ),
    ]),
  ).then((seen) => {
    for (const event of seen) if ('endReason' in event) expect(event).toMatchObject({ endReason });
  });
}

let onB: { call: CallView; seeker: Person; conversationId: string };
let onA: { call: CallView; seeker: Person; conversationId: string; peers: TestParticipant[] };

describe('media nodes', () => {
  it('register and heartbeat with their URLs, load and rooms', async () => {
    const a = await waitForNode('media-a', () => true);
    expect(a).toMatchObject({
      control_url: nodeA.controlUrl,
      signalling_url: nodeA.signallingUrl,
      rooms: 0,
      participants: 0,
    });
    const first = new Date(a.heartbeat_at).getTime();
    await waitForNode('media-a', (row) => new Date(row.heartbeat_at).getTime() > first);
    await waitForNode('media-b', () => true);
  });

  it('get each accepted call on the least-loaded live node; tokens come from that node', async () => {
    // node A is busy with a room of its own: the first call goes to B
    await nodeA.createRoom('busy-room');
    await waitForNode('media-a', (row) => row.room_list.some((room) => room.roomId === 'busy-room'));
    const first = await conversation();
    const call = await runningCall(first.seeker, first.conversationId);
    expect((await callRow(call.id)).media_node_id).toBe('media-b');
    expect((await nodeB.control('GET', `/rooms/call-${call.id}`)).status).toBe(200);
    const [seekerPeer] = await joinBoth(call, first.seeker);
    expect(seekerPeer!.info.signallingUrl).toBe(nodeB.signallingUrl);
    onB = { call, ...first };

    // B now reports one room with two people, A one empty room: the next call goes to A
    await waitForNode('media-b', (row) => row.participants === 2);
    const second = await conversation();
    const call2 = await runningCall(second.seeker, second.conversationId);
    expect((await callRow(call2.id)).media_node_id).toBe('media-a');
    const peers = await joinBoth(call2, second.seeker);
    expect(peers[0]!.info.signallingUrl).toBe(nodeA.signallingUrl);
    onA = { call: call2, ...second, peers: peers.map((p) => p.peer) };
    await nodeA.control('DELETE', '/rooms/busy-room'); // (it may have idled out already)
  });

  it('a node that stops: its running call ends (media_failed) for both, the chat goes on', async () => {
    const { call, seeker, conversationId } = onB;
    const seen = bothSeeEnd(call, [seeker, counselor], 'media_failed');
    await stop(nodeB); // stops its heartbeats too
    await seen;
    expect(await seeker.client.chat.call(call.id)).toMatchObject({
      status: 'ended',
      endReason: 'media_failed',
    });
    const sent = await seeker.client.chat.send(conversationId, 'Dann schreiben wir weiter');
    expect(sent.text).toBe('Dann schreiben wir weiter');
    // the call on the live node runs on
    expect((await callRow(onA.call.id)).status).toBe('accepted');
    // and new calls go to the live node only
    const next = await conversation();
    const call3 = await runningCall(next.seeker, next.conversationId);
    expect((await callRow(call3.id)).media_node_id).toBe('media-a');
    await counselor.client.chat.endCall(call3.id);
  });

  it('both participants leave: the room idles out and the call ends (room_closed)', async () => {
    const { call, seeker, peers } = onA;
    const seen = bothSeeEnd(call, [seeker, counselor], 'room_closed');
    for (const peer of peers) await peer.close();
    await seen;
    expect((await nodeA.control('GET', `/rooms/call-${call.id}`)).status).toBe(404);
    expect(await status(seeker.client.chat.joinInfo(call.id))).toBe('409 CALL_NOT_ACTIVE');
  });

  it('a handover ends the running call (handed_over) and closes its room; a proposal too', async () => {
    const { seeker, conversationId } = await conversation();
    const call = await runningCall(seeker, conversationId);
    expect((await callRow(call.id)).media_node_id).toBe('media-a');
    const seen = bothSeeEnd(call, [seeker, counselor], 'handed_over');
    await counselor.client.chat.handOver(conversationId, colleague.accountId, 'Übergabe');
    await seen;
    expect(await seeker.client.chat.call(call.id)).toMatchObject({
      status: 'ended',
      endReason: 'handed_over',
    });
    expect((await nodeA.control('GET', `/rooms/call-${call.id}`)).status).toBe(404);

    const proposed = await colleague.client.chat.proposeCall(conversationId, 'video');
    const proposalSeen = bothSeeEnd(proposed, [seeker, colleague], 'handed_over');
    await colleague.client.chat.handOver(conversationId, counselor.accountId);
    await proposalSeen;
    const sent = await counselor.client.chat.send(conversationId, 'Ich bin wieder da');
    expect(sent.text).toBe('Ich bin wieder da');
  });
});

describe('the static media service (no live node)', () => {
  it('takes the calls once every node is gone; room_closed and media_failed are noticed there too', async () => {
    await stop(nodeA);
    await new Promise((resolve) => setTimeout(resolve, Number(NODE_TIMEOUT_SECONDS) * 1000 + 200));
    const { seeker, conversationId } = await conversation();

    // nobody joins: the room idles out on the static service
    const idle = await runningCall(seeker, conversationId);
    expect((await callRow(idle.id)).media_node_id).toBeNull();
    expect((await seeker.client.chat.joinInfo(idle.id)).signallingUrl).toBe(fallback.signallingUrl);
    await bothSeeEnd(idle, [seeker, counselor], 'room_closed');

    // the static service stops: after the timeout, media_failed
    const running = await runningCall(seeker, conversationId);
    const seen = bothSeeEnd(running, [seeker, counselor], 'media_failed');
    await stop(fallback);
    await seen;
  });
});

describe('the registration route', () => {
  const beat = {
    controlUrl: 'http://127.0.0.1:9/',
    signallingUrl: 'ws://127.0.0.1:9/signal',
    load: { rooms: 0, participants: 0, cpuPercent: 1.5 },
    rooms: [],
  };
  const put = (body: unknown, secret: string | null = TEST_SECRET, nodeId = 'media-x') =>
    fetch(`${world.server.url}/api/media/nodes/${nodeId}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-media-secret': secret }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.text()) || null,
    }));

  it('refuses a wrong or missing secret with 401', async () => {
    const wrong = await put(beat, 'wrong-secret-0123456789abcdefghijklmnopqrstuvwxyz');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body!)).toMatchObject({ error: { code: 'MEDIA_SECRET_INVALID' } });
    expect((await put(beat, null)).status).toBe(401);
    expect(await node('media-x')).toBeUndefined();
  });

  it('refuses malformed heartbeats with 4xx and a code', async () => {
    const invalid = await put({ ...beat, load: { rooms: -1, participants: 'many' } });
    expect(invalid.status).toBe(422);
    expect(JSON.parse(invalid.body!)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await put({ ...beat, controlUrl: 'ftp://x' })).status).toBe(422);
    expect((await put({ ...beat, extra: true })).status).toBe(422);
    const notJson = await put('{"controlUrl":');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body!)).toMatchObject({ error: { code: expect.any(String) } });
    expect((await put(beat, TEST_SECRET, 'bad%20id')).status).toBe(404);
    expect(await node('media-x')).toBeUndefined();
    expect((await put(beat)).status).toBe(204);
    expect(await node('media-x')).toMatchObject({ control_url: beat.controlUrl, cpu_percent: 1.5 });
  });
});
