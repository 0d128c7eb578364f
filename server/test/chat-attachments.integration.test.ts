import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecryptedMessage } from '@beratung/shared';
import type { TestServer } from './support/app';
import {
  loggedInSeeker,
  nextEvent,
  startChatWorld,
  type ChatCenter,
  type ChatWorld,
} from './support/chat-center';

let world: ChatWorld;
let server: TestServer;
let center: ChatCenter;

beforeAll(async () => {
  world = await startChatWorld(
    { CHAT_INQUIRIES_PER_DAY: '50', CHAT_ATTACHMENT_QUOTA_MB_PER_DAY: '1' },
    { counselors: 1 },
  );
  ({ server, center } = world);
}, 60_000);
afterAll(() => world?.close());

async function conversation() {
  const seeker = await world.connectedSeeker();
  const view = await seeker.client.chat.startInquiry({
    centerId: center.centerId,
    topic: 'insolvenz',
    text: 'Hallo',
  });
  const counselor = center.counselors[0]!.client;
  await counselor.chat.takeOver(view.id);
  return { seekerClient: seeker.client, counselor, id: view.id };
}

/** A small but real PDF whose content we can look for on disk. */
const pdf = (marker: string) =>
  new TextEncoder().encode(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${marker}\n%%EOF\n`);

const blobFiles = () => {
  const dir = path.join(server.dataDir, 'attachments');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
};

describe('encrypted attachments', () => {
  it('a PDF travels encrypted: the counselor opens it; disk and database hold nothing readable', async () => {
    const { seekerClient, counselor, id } = await conversation();
    counselor.chat.track(id, 2);
    const arrived = nextEvent(counselor.chat, 'message', (m: DecryptedMessage) => Boolean(m.attachment));
    const sent = await seekerClient.chat.sendAttachment(id, {
      name: 'Mahnung-Stadtwerke.pdf',
      bytes: pdf('Kontonummer DE02 1203 0000 0000 2020 51'),
    });
    expect(sent.attachment).toMatchObject({ name: 'Mahnung-Stadtwerke.pdf', type: 'application/pdf' });
    const message = await arrived;
    const bytes = await counselor.chat.downloadAttachment(id, message.attachment!);
    expect(new TextDecoder().decode(bytes)).toContain('Kontonummer DE02 1203 0000 0000 2020 51');

    const stored = blobFiles().map((f) => fs.readFileSync(path.join(f.parentPath, f.name)));
    expect(stored.length).toBeGreaterThan(0);
    for (const blob of stored) {
      expect(blob.includes('Kontonummer')).toBe(false);
      expect(blob.includes('%PDF')).toBe(false);
    }
    const row = await server.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', message.attachment!.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('Mahnung');
  });

  it('refuses a wrong type on the client, and a too large or tampered blob', async () => {
    const { seekerClient, counselor, id } = await conversation();
    await expect(
      seekerClient.chat.sendAttachment(id, {
        name: 'rechnung.pdf.exe',
        bytes: new Uint8Array([0x4d, 0x5a, 1, 2]),
      }),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_TYPE' });
    await expect(
      seekerClient.chat.sendAttachment(id, {
        name: 'getarnt.pdf',
        bytes: new Uint8Array([0x4d, 0x5a, 1, 2]),
      }),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_TYPE' });
    await expect(
      seekerClient.api.upload(
        'PUT',
        `/api/conversations/${id}/attachments/${crypto.randomUUID()}`,
        new Uint8Array(11 * 1024 * 1024),
      ),
    ).rejects.toMatchObject({ status: 413 });

    const sent = await seekerClient.chat.sendAttachment(id, { name: 'a.pdf', bytes: pdf('x') });
    const file = blobFiles().find((f) => f.name === sent.attachment!.id)!;
    const blob = fs.readFileSync(path.join(file.parentPath, file.name));
    blob[40] = blob[40]! ^ 0xff;
    fs.writeFileSync(path.join(file.parentPath, file.name), blob);
    await expect(counselor.chat.downloadAttachment(id, sent.attachment!)).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
  });

  it('only the two parties can upload or download; the daily quota holds', async () => {
    const { seekerClient, id } = await conversation();
    const sent = await seekerClient.chat.sendAttachment(id, { name: 'b.pdf', bytes: pdf('y') });
    const stranger = await loggedInSeeker(server);
    await expect(
      stranger.client.api.download(`/api/attachments/${sent.attachment!.id}`),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      stranger.client.api.upload(
        'PUT',
        `/api/conversations/${id}/attachments/${crypto.randomUUID()}`,
        new Uint8Array(100),
      ),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      server.client().api.download(`/api/attachments/${sent.attachment!.id}`),
    ).rejects.toMatchObject({
      status: 401,
    });
    // Same id twice: refused, the first blob stays.
    await expect(
      seekerClient.api.upload(
        'PUT',
        `/api/conversations/${id}/attachments/${sent.attachment!.id}`,
        new Uint8Array(100),
      ),
    ).rejects.toMatchObject({ status: 409, code: 'ATTACHMENT_EXISTS' });

    const big = new Uint8Array(600 * 1024);
    big.set(pdf('z'));
    await seekerClient.chat.sendAttachment(id, { name: 'c.pdf', bytes: big });
    await expect(seekerClient.chat.sendAttachment(id, { name: 'd.pdf', bytes: big })).rejects.toMatchObject({
      status: 429,
      code: 'ATTACHMENT_QUOTA',
    });
  });

  it('deleting the conversation deletes its blobs', async () => {
    const { seekerClient, id } = await conversation();
    const sent = await seekerClient.chat.sendAttachment(id, { name: 'weg.pdf', bytes: pdf('weg') });
    expect(blobFiles().some((f) => f.name === sent.attachment!.id)).toBe(true);
    await seekerClient.chat.remove(id);
    expect(blobFiles().some((f) => f.name === sent.attachment!.id)).toBe(false);
    expect(
      await server.db.selectFrom('attachments').select('id').where('id', '=', sent.attachment!.id).execute(),
    ).toEqual([]);
  });
});
