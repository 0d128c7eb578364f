import { MAX_ENCRYPTED_ATTACHMENT_BYTES } from '@beratung/shared';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { AppError, ConflictError, NotFoundError } from '../http/errors';
import type { BlobStore } from './blob-store';
import { findConversation } from './chat.repository';

/**
 * Encrypted attachments: the server checks who may put and get a blob, counts bytes
 * against a daily quota, and deletes blobs whose conversation is gone. It never sees
 * a file name, a type or a byte of content (those travel inside an encrypted message).
 */
export class AttachmentsService {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly settings: { dailyQuotaBytes: number },
    private readonly logger: Logger,
  ) {}

  /** Only the two parties of a conversation; everyone else is told it does not exist. */
  private async requireParty(conversationId: string | null, accountId: string) {
    const conversation = conversationId ? await findConversation(this.db, conversationId) : undefined;
    if (!conversation || (conversation.seeker_id !== accountId && conversation.counselor_id !== accountId))
      throw new NotFoundError('Attachment');
    return conversation;
  }

  async upload(accountId: string, conversationId: string, attachmentId: string, bytes: Uint8Array) {
    await this.requireParty(conversationId, accountId);
    if (bytes.length === 0) throw new AppError(422, 'ATTACHMENT_EMPTY', 'The upload is empty');
    if (bytes.length > MAX_ENCRYPTED_ATTACHMENT_BYTES)
      throw new AppError(413, 'ATTACHMENT_TOO_LARGE', 'An attachment may have at most 10 MB');
    const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const used = await this.db
      .selectFrom('attachments')
      .select(sql<string>`coalesce(sum(size_bytes), 0)::text`.as('bytes'))
      .where('uploader_id', '=', accountId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(used.bytes) + bytes.length > this.settings.dailyQuotaBytes)
      throw new AppError(
        429,
        'ATTACHMENT_QUOTA',
        `At most ${Math.round(this.settings.dailyQuotaBytes / 1024 / 1024)} MB of attachments per day`,
      );
    // The row first: a second upload under the same id is refused before it could
    // overwrite the stored blob.
    const inserted = await this.db
      .insertInto('attachments')
      .values({
        id: attachmentId,
        conversation_id: conversationId,
        uploader_id: accountId,
        size_bytes: bytes.length,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ConflictError('ATTACHMENT_EXISTS', 'This attachment id is taken');
    try {
      await this.blobs.put(attachmentId, bytes);
    } catch (error) {
      await this.db.deleteFrom('attachments').where('id', '=', attachmentId).execute();
      throw error;
    }
    return { id: attachmentId, size: bytes.length };
  }

  async download(accountId: string, attachmentId: string): Promise<Uint8Array> {
    const row = await this.db
      .selectFrom('attachments')
      .select(['conversation_id'])
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    await this.requireParty(row?.conversation_id ?? null, accountId);
    const bytes = await this.blobs.get(attachmentId);
    if (!bytes) throw new NotFoundError('Attachment');
    return bytes;
  }

  /** Deletes the blobs (then rows) of attachments whose conversation was deleted. */
  async deleteOrphans(limit = 500): Promise<number> {
    const orphans = await this.db
      .selectFrom('attachments')
      .select('id')
      .where('conversation_id', 'is', null)
      .limit(limit)
      .execute();
    let deleted = 0;
    for (const { id } of orphans) {
      try {
        await this.blobs.delete(id);
        await this.db.deleteFrom('attachments').where('id', '=', id).execute();
        deleted++;
      } catch (error) {
        this.logger.warn({ err: error, attachment: id }, 'could not delete an orphaned attachment');
      }
    }
    return deleted;
  }
}
