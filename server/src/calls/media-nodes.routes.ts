import { Router } from 'express';
import { z } from 'zod';
import type { RouteRegistry } from '../http/routes';
import { mediaHeartbeatSchema, mediaNodeIdSchema, type MediaNodes } from './media-nodes';

const nodeParams = z.object({ nodeId: mediaNodeIdSchema });

/**
 * Server-to-server: media processes register and heartbeat here with the shared media
 * secret (X-Media-Secret), never with a session. See media/README.md, "Registration".
 */
export function mediaNodesRouter({
  registry,
  nodes,
}: {
  registry: RouteRegistry;
  nodes: MediaNodes;
}): Router {
  const router = Router();

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/media/nodes/:nodeId',
      tag: 'Media nodes',
      access: 'media_node',
      summary:
        'A media process registers (first call) and heartbeats: its URLs, load and open rooms; calls are placed on the least-loaded live node',
      params: nodeParams,
      body: mediaHeartbeatSchema,
    },
    async ({ params, body }) => {
      await nodes.heartbeat(params.nodeId, body);
    },
  );

  return router;
}
