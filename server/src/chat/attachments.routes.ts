import { Router } from 'express';
import { z } from 'zod';
import type { RouteRegistry } from '../http/routes';
import type { AttachmentsService } from './attachments.service';

/** The raw upload paths: express.raw must read these bodies before express.json. */
export const ATTACHMENT_UPLOAD_PATH = /^\/api\/conversations\/[^/]+\/attachments\/[^/]+$/;

const uploadParams = z.object({ conversationId: z.uuid(), attachmentId: z.uuid() });
const downloadParams = z.object({ attachmentId: z.uuid() });

/** Encrypted attachments: opaque bytes in, opaque bytes out. */
export function attachmentsRouter({
  registry,
  attachments,
}: {
  registry: RouteRegistry;
  attachments: AttachmentsService;
}): Router {
  const router = Router();
  const tag = 'Chat';

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/conversations/:conversationId/attachments/:attachmentId',
      tag,
      access: 'authenticated',
      summary:
        'Upload an attachment encrypted on the client (application/octet-stream, at most 10 MB; daily quota per account)',
      params: uploadParams,
      status: 201,
      response: z.object({ id: z.uuid(), size: z.number() }),
    },
    async ({ req, auth, params }) => {
      const body: unknown = req.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      return attachments.upload(auth.account.id, params.conversationId, params.attachmentId, bytes);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/attachments/:attachmentId',
      tag,
      access: 'authenticated',
      summary: 'Download an encrypted attachment (the two parties of its conversation only)',
      params: downloadParams,
      produces: 'application/octet-stream',
    },
    async ({ res, auth, params }) => {
      const bytes = await attachments.download(auth.account.id, params.attachmentId);
      res.status(200).type('application/octet-stream').setHeader('cache-control', 'no-store');
      res.send(Buffer.from(bytes));
    },
  );

  return router;
}
