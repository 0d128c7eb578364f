import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// s3rver: a real S3-compatible server (it checks Signature Version 4) on loopback.
import S3rver from 's3rver';
import { S3BlobStore, signatureV4 } from '../src/chat/blob-store';
import { startTestServer, type TestServer } from './support/app';
import { loggedInSeeker, setUpChatCenter, setUpPlatform } from './support/chat-center';

let s3: S3rver;
let endpoint: string;
let s3Dir: string;
const settings = () => ({
  endpoint,
  bucket: 'beratung',
  region: 'eu-central-1',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
});

beforeAll(async () => {
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-s3-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'beratung', configs: [] }],
  });
  const address = (await s3.run()) as { port: number };
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

describe('S3-compatible attachment store', () => {
  it('signs requests exactly as AWS documents it (Signature Version 4 example "GET Object")', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
    const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const authorization = signatureV4({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': emptyHash,
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: emptyHash,
      amzDate: '20130524T000000Z',
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('puts, gets and deletes objects', async () => {
    const store = new S3BlobStore(settings());
    const id = crypto.randomUUID();
    const bytes = new Uint8Array([1, 2, 3, 250, 251]);
    await store.put(id, bytes);
    expect(await store.get(id)).toEqual(bytes);
    await store.delete(id);
    expect(await store.get(id)).toBeUndefined();
    // An unknown access key is refused (s3rver does not check V4 signatures themselves;
    // the test above pins the signature to AWS's own example).
    const stranger = new S3BlobStore({ ...settings(), accessKeyId: 'UNKNOWN' });
    await expect(stranger.put(crypto.randomUUID(), bytes)).rejects.toThrow(/S3 PUT failed: 403/);
  });

  it('the app stores attachments there when S3 is configured', async () => {
    let server: TestServer | undefined;
    try {
      server = await startTestServer({
        S3_ENDPOINT: endpoint,
        S3_BUCKET: 'beratung',
        S3_REGION: 'eu-central-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
      });
      const center = await setUpChatCenter(server, await setUpPlatform(server), { counselors: 1 });
      const seeker = await loggedInSeeker(server);
      await seeker.client.chat.connect();
      const counselor = center.counselors[0]!.client;
      await counselor.chat.connect();
      const view = await seeker.client.chat.startInquiry({
        centerId: center.centerId,
        topic: 'drogen',
        text: 'x',
      });
      await counselor.chat.takeOver(view.id);
      const pdf = new TextEncoder().encode('%PDF-1.4\n% im Eimer\n%%EOF\n');
      const sent = await seeker.client.chat.sendAttachment(view.id, { name: 'eimer.pdf', bytes: pdf });
      expect(await counselor.chat.downloadAttachment(view.id, sent.attachment!)).toEqual(pdf);
      expect(fs.existsSync(path.join(server.dataDir, 'attachments'))).toBe(false);
      expect(await new S3BlobStore(settings()).get(sent.attachment!.id)).toBeDefined();
      seeker.client.chat.disconnect();
      counselor.chat.disconnect();
    } finally {
      await server?.close();
    }
  });
});
