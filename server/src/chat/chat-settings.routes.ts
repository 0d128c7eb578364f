import { Router } from 'express';
import { z } from 'zod';
import { chatSettingsSchema, type ChatSettings } from '@beratung/shared';
import type { Db } from '../db/database';
import type { RouteRegistry } from '../http/routes';
import { NotFoundError } from '../http/errors';
import { recordAudit } from '../audit/audit.repository';

const centerParams = z.object({ centerId: z.uuid() });

async function readSettings(db: Db, centerId: string): Promise<ChatSettings> {
  const row = await db
    .selectFrom('centers')
    .select(['chat_inquiry_digest_minutes', 'chat_retention_days'])
    .where('id', '=', centerId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Center');
  return { inquiryDigestMinutes: row.chat_inquiry_digest_minutes, retentionDays: row.chat_retention_days };
}

/** Back office: the center's chat settings (read by its members, changed by its admins). */
export function chatSettingsRouter({ registry, db }: { registry: RouteRegistry; db: Db }): Router {
  const router = Router();
  const tag = 'Chat';

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/chat-settings',
      tag,
      access: { centerRole: 'counselor' },
      summary: 'Chat settings: inquiry digest interval and retention of archived conversations',
      params: centerParams,
      response: chatSettingsSchema,
    },
    async ({ params }) => readSettings(db, params.centerId),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/centers/:centerId/chat-settings',
      tag,
      access: { centerRole: 'center_admin' },
      summary: 'Change the chat settings (digest 0–10080 minutes, 0 = no mails; retention 1–3650 days)',
      params: centerParams,
      body: chatSettingsSchema,
      response: chatSettingsSchema,
    },
    async ({ auth, params, body }) => {
      const previous = await readSettings(db, params.centerId);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('centers')
          .set({
            chat_inquiry_digest_minutes: body.inquiryDigestMinutes,
            chat_retention_days: body.retentionDays,
          })
          .where('id', '=', params.centerId)
          .execute();
        await recordAudit(trx, {
          actorAccountId: auth.account.id,
          centerId: params.centerId,
          action: 'center.chat_settings.updated',
          details: { from: previous, to: body },
        });
      });
      return readSettings(db, params.centerId);
    },
  );

  return router;
}
