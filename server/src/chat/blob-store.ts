import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where encrypted attachments live. The bytes are opaque ciphertext: the store learns
 * nothing but their size. Ids are UUIDs (checked by the routes), never paths.
 */
export interface BlobStore {
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** undefined when there is no such blob */
  get(id: string): Promise<Uint8Array | undefined>;
  delete(id: string): Promise<void>;
}

/** The default: files under DATA_DIR/attachments, spread over 256 folders. */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private file(id: string): string {
    return path.join(this.dir, id.slice(0, 2), id);
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const file = this.file(id);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written under a temporary name and renamed: a crash never leaves half a blob.
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, bytes, { mode: 0o600 });
    await fs.rename(temporary, file);
  }

  async get(id: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(this.file(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await fs.rm(this.file(id), { force: true });
  }
}

export interface S3Settings {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000 (MinIO) */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * An S3-compatible store (AWS, MinIO, Ceph, …) with path-style URLs and Signature
 * Version 4, spoken directly over fetch: three calls do not need a whole SDK.
 */
export class S3BlobStore implements BlobStore {
  constructor(private readonly settings: S3Settings) {}

  private async send(method: 'PUT' | 'GET' | 'DELETE', id: string, body?: Uint8Array): Promise<Response> {
    const { endpoint, bucket, region, accessKeyId, secretAccessKey } = this.settings;
    const url = new URL(`${endpoint.replace(/\/$/, '')}/${bucket}/attachments/${id}`);
    const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
    const payloadHash = sha256(body ?? '');
    const headers = { 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
    const authorization = signatureV4({
      method,
      url,
      headers: { host: url.host, ...headers },
      payloadHash,
      amzDate,
      region,
      accessKeyId,
      secretAccessKey,
    });
    // fetch sets Host itself, to the value that was signed.
    return fetch(url, {
      method,
      headers: { ...headers, authorization },
      body: body ? Buffer.from(body) : undefined,
    });
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const response = await this.send('PUT', id, bytes);
    if (!response.ok) throw new Error(`S3 PUT failed: ${response.status} ${await response.text()}`);
  }

  async get(id: string): Promise<Uint8Array | undefined> {
    const response = await this.send('GET', id);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`S3 GET failed: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async delete(id: string): Promise<void> {
    const response = await this.send('DELETE', id);
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE failed: ${response.status}`);
  }
}

/**
 * The Authorization header of AWS Signature Version 4 (single-chunk payload) for the
 * given lower-case headers, all of which are signed.
 */
export function signatureV4(input: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadHash: string;
  /** YYYYMMDD'T'HHMMSS'Z' */
  amzDate: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}): string {
  const day = input.amzDate.slice(0, 8);
  const names = Object.keys(input.headers).sort();
  const query = [...input.url.searchParams]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  // Canonical request: the headers block ends with its own newline (so a blank line follows).
  const request = [
    input.method,
    input.url.pathname,
    query,
    names.map((name) => `${name}:${input.headers[name]!.trim()}\n`).join(''),
    names.join(';'),
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256(request)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}
