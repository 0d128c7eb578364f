import { Router } from 'express';
import { z } from 'zod';
import {
  absenceSchema,
  acceptTransferSchema,
  proposeTransferSchema,
  conversationListQuerySchema,
  conversationViewSchema,
  handOverSchema,
  inquiryRouteSchema,
  messagePageSchema,
  messagesQuerySchema,
  queueItemSchema,
  rekeySchema,
  routeInquiryQuerySchema,
  startInquirySchema,
  takeOverSchema,
  teamKeyGrantListSchema,
} from '@beratung/shared';
import type { RouteRegistry } from '../http/routes';
import type { ChatService } from './chat.service';
import type { AttachmentsService } from './attachments.service';

const conversationParams = z.object({ conversationId: z.uuid() });
const centerParams = z.object({ centerId: z.uuid() });

/** REST side of the chat: everything that is not real time (ARCHITECTURE.md §6). */
export function chatRouter({
  registry,
  chat,
  attachments,
}: {
  registry: RouteRegistry;
  chat: ChatService;
  /** Blobs of a deleted conversation go with it, not a minute later. */
  attachments: Pick<AttachmentsService, 'deleteOrphans'>;
}): Router {
  const router = Router();
  const tag = 'Chat';

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/chat/route',
      tag,
      access: 'seeker',
      summary:
        'The center an inquiry for a topic and postal code goes to (nearest covering center or fallback)',
      query: routeInquiryQuerySchema,
      response: inquiryRouteSchema,
    },
    async ({ query }) => chat.routeFor(query.topic, query.postalCode),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations',
      tag,
      access: 'seeker',
      summary:
        'Start an inquiry: conversation key sealed to the seeker and the center team key, first message',
      body: startInquirySchema,
      response: conversationViewSchema,
      status: 201,
    },
    async ({ auth, body }) => chat.startInquiry(auth.account.id, body),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/conversations',
      tag,
      access: 'authenticated',
      summary: 'Help seeker: own conversations; counselor: own consultations (Meine Beratungen, Archiv)',
      query: conversationListQuerySchema,
      response: z.array(conversationViewSchema),
    },
    async ({ auth, query }) => chat.list(auth.account.id, auth.account.kind, query.status),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/conversations/:conversationId',
      tag,
      access: 'authenticated',
      summary: 'One conversation (participants; center members while it waits in the queue)',
      params: conversationParams,
      response: conversationViewSchema,
    },
    async ({ auth, params }) => chat.get(params.conversationId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/conversations/:conversationId/messages',
      tag,
      access: 'authenticated',
      summary: 'Messages after a sequence number (catching up) or before one (paging back through history)',
      params: conversationParams,
      query: messagesQuerySchema,
      response: messagePageSchema,
    },
    async ({ auth, params, query }) => chat.messages(params.conversationId, auth.account.id, query),
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: '/api/conversations/:conversationId',
      tag,
      access: 'seeker',
      summary: 'Help seeker: delete the conversation with all its messages and keys',
      params: conversationParams,
    },
    async ({ auth, params }) => {
      await chat.remove(params.conversationId, auth.account.id);
      await attachments.deleteOrphans();
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/rekey',
      tag,
      access: 'seeker',
      summary: 'Help seeker: a new conversation key epoch after the counselor left the center',
      params: conversationParams,
      body: rekeySchema,
      response: conversationViewSchema,
    },
    async ({ auth, params, body }) => chat.rekey(params.conversationId, auth.account.id, body),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/queue',
      tag,
      access: 'staff',
      summary: 'Erstanfragen: waiting inquiries of the center, oldest first, with their first message',
      params: centerParams,
      response: z.array(queueItemSchema),
    },
    async ({ auth, params }) => chat.queue(params.centerId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/team-key-grants',
      tag,
      access: 'staff',
      summary: 'Every team key epoch sealed to the caller (to open older inquiries)',
      params: centerParams,
      response: teamKeyGrantListSchema,
    },
    async ({ auth, params }) => chat.teamKeyGrants(params.centerId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/take',
      tag,
      access: 'staff',
      summary: 'Take an inquiry over (atomic: exactly one counselor wins, others get 409 ALREADY_TAKEN)',
      params: conversationParams,
      body: takeOverSchema,
      response: conversationViewSchema,
    },
    async ({ auth, params, body }) =>
      chat.takeOver(params.conversationId, auth.account.id, body.sealedForCounselor),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/hand-over',
      tag,
      access: 'staff',
      summary: 'Hand a consultation to a colleague of the same center, with a note sealed to them',
      params: conversationParams,
      body: handOverSchema,
      response: conversationViewSchema,
    },
    async ({ auth, params, body }) => chat.handOver(params.conversationId, auth.account.id, body),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/archive',
      tag,
      access: 'staff',
      summary: 'Archive a consultation (a new message from the help seeker reopens it)',
      params: conversationParams,
      response: conversationViewSchema,
    },
    async ({ auth, params }) => chat.archive(params.conversationId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/transfer',
      tag,
      access: 'staff',
      summary: 'Propose moving a consultation to another center; the help seeker must agree',
      params: conversationParams,
      body: proposeTransferSchema,
      response: conversationViewSchema,
    },
    async ({ auth, params, body }) =>
      chat.proposeTransfer(params.conversationId, auth.account.id, body.centerId),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/transfer/accept',
      tag,
      access: 'seeker',
      summary: "Help seeker: agree to the move; the keys come sealed to the other center's team key",
      params: conversationParams,
      body: acceptTransferSchema,
      response: conversationViewSchema,
    },
    async ({ auth, params, body }) => chat.acceptTransfer(params.conversationId, auth.account.id, body),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/conversations/:conversationId/transfer/decline',
      tag,
      access: 'seeker',
      summary: 'Help seeker: decline the move; the consultation stays where it is',
      params: conversationParams,
      response: conversationViewSchema,
    },
    async ({ auth, params }) => chat.declineTransfer(params.conversationId, auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/chat/absence',
      tag,
      access: 'staff',
      summary: "The caller's absence note (shown to the help seekers of their consultations)",
      response: absenceSchema,
    },
    async ({ auth }) => chat.absence(auth.account.id),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/chat/absence',
      tag,
      access: 'staff',
      summary: 'Mark oneself absent with a note, or back; help seekers can still write',
      body: absenceSchema,
      response: absenceSchema,
    },
    async ({ auth, body }) => chat.setAbsence(auth.account.id, body),
  );

  return router;
}
