import { Router } from 'express';
import { z } from 'zod';
import { callJoinInfoSchema, callViewSchema, proposeCallSchema } from '@beratung/shared';
import type { RouteRegistry } from '../http/routes';
import type { CallsService } from './calls.service';

const conversationParams = z.object({ conversationId: z.uuid() });
const callParams = z.object({ callId: z.uuid() });

/**
 * Consented calls (ARCHITECTURE.md §7). Access here is the account kind; the service
 * checks that the caller is one of the two people of the conversation (others: 404).
 */
export function callsRouter({ registry, calls }: { registry: RouteRegistry; calls: CallsService }): Router {
  const router = Router();
  const tag = 'Calls';

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/calls',
      tag,
      access: 'staff',
      summary: 'The assigned counselor proposes an audio or video call; the help seeker has to accept it',
      params: conversationParams,
      body: proposeCallSchema,
      response: callViewSchema,
      status: 201,
    },
    async ({ auth, params, body }) => calls.propose(params.conversationId, auth.account.id, body.kind),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/conversations/:conversationId/calls',
      tag,
      access: 'authenticated',
      summary: 'The calls of a conversation (proposed, running and past), oldest first',
      params: conversationParams,
      response: z.array(callViewSchema),
    },
    async ({ auth, params }) => calls.list(params.conversationId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/calls/:callId',
      tag,
      access: 'authenticated',
      summary: 'One call of a conversation the caller is part of',
      params: callParams,
      response: callViewSchema,
    },
    async ({ auth, params }) => calls.get(params.callId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/calls/:callId/accept',
      tag,
      access: 'seeker',
      summary: 'The help seeker agrees to the proposed call: the media service gets a room for it',
      params: callParams,
      response: callViewSchema,
    },
    async ({ auth, params }) => calls.accept(params.callId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/calls/:callId/decline',
      tag,
      access: 'seeker',
      summary: 'The help seeker declines the proposed call',
      params: callParams,
      response: callViewSchema,
    },
    async ({ auth, params }) => calls.decline(params.callId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/calls/:callId/join',
      tag,
      access: 'authenticated',
      summary: 'A single-use, short-lived token for the caller to join the running call on the media service',
      params: callParams,
      response: callJoinInfoSchema,
    },
    async ({ auth, params }) => calls.join(params.callId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/calls/:callId/end',
      tag,
      access: 'authenticated',
      summary: 'Hang up (or withdraw a proposal): the call ends for both and its room closes',
      params: callParams,
      response: callViewSchema,
    },
    async ({ auth, params }) => calls.end(params.callId, auth.account.id),
  );

  return router;
}
