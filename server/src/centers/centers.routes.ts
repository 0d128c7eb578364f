import { Router } from 'express';
import { z } from 'zod';
import {
  acceptInviteRequestSchema,
  adminCertificateRequestSchema,
  auditEntrySchema,
  centerKeyChainSchema,
  centerSettingsSchema,
  createCenterRequestSchema,
  inviteCreatedSchema,
  inviteRequestSchema,
  inviteViewSchema,
  pendingCertificateSchema,
  pendingGrantsSchema,
  platformKeyGrantSchema,
  signedStatementSchema,
  sessionViewSchema,
  staffMemberSchema,
  teamKeyGrantsRequestSchema,
  teamKeyRequestSchema,
} from '@beratung/shared';
import type { RouteRegistry } from '../http/routes';
import type { CookieSettings } from '../http/session-middleware';
import { respondWithNewSession } from '../accounts/session-response';
import type { RateLimits } from '../security/rate-limit';
import type { AccountsService } from '../accounts/accounts.service';
import type { InvitesService } from '../accounts/invites.service';
import type { KeysService } from '../keys/keys.service';
import type { StaffService } from './staff.service';

export interface CentersRoutesDeps {
  registry: RouteRegistry;
  accounts: AccountsService;
  invites: InvitesService;
  staff: StaffService;
  keys: KeysService;
  rateLimits: RateLimits;
  cookies: CookieSettings;
  endSockets: (accountId: string) => void;
  /** The chat reacts to team changes: consultations of a removed counselor, key work for members. */
  chatTeam: {
    counselorRemoved(centerId: string, accountId: string): Promise<void>;
    keysChanged(centerId: string): Promise<void>;
  };
}

const centerParams = z.object({ centerId: z.uuid() });
const memberParams = centerParams.extend({ accountId: z.uuid() });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

/** Staff, invitations, center settings, audit log and the center's keys. */
export function centersRouter(deps: CentersRoutesDeps): Router {
  const { registry, invites, staff, keys, rateLimits, cookies, accounts, endSockets, chatTeam } = deps;
  const router = Router();

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/platform/centers',
      tag: 'Platform',
      access: 'platform_admin',
      status: 201,
      summary: 'Create a center',
      body: createCenterRequestSchema,
    },
    async ({ auth, body }) => staff.createCenter(auth, body),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/invites',
      tag: 'Staff',
      access: { centerRole: 'center_admin' },
      status: 201,
      summary: 'Invite a counselor or center admin by email',
      params: centerParams,
      body: inviteRequestSchema,
      response: inviteCreatedSchema,
    },
    async ({ auth, params, body }) => invites.create(auth, params.centerId, body),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/invites/:token',
      tag: 'Staff',
      access: 'public',
      summary: 'What an invitation is for',
      params: tokenParams,
      response: inviteViewSchema,
    },
    async ({ req, params }) => {
      await rateLimits.consume('invitePerClient', req.ip ?? 'unknown');
      return invites.view(params.token);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/invites/:token/accept',
      tag: 'Staff',
      access: 'public',
      status: 201,
      summary: 'Accept an invitation: create the staff account with client-made keys',
      params: tokenParams,
      body: acceptInviteRequestSchema,
      response: sessionViewSchema,
      before: async (req) => {
        await rateLimits.consume('invitePerClient', req.ip ?? 'unknown');
        await rateLimits.consume('invitePerToken', String(req.params.token));
      },
    },
    async ({ res, params, body }) => {
      return respondWithNewSession(res, cookies, accounts, await invites.accept(params.token, body), false);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/staff',
      tag: 'Staff',
      access: { centerRole: 'center_admin' },
      summary: 'Members of the center',
      params: centerParams,
      response: z.array(staffMemberSchema),
    },
    async ({ params }) => staff.list(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: '/api/centers/:centerId/staff/:accountId',
      tag: 'Staff',
      access: { centerRole: 'center_admin' },
      summary: 'Remove a member from the center',
      params: memberParams,
    },
    async ({ auth, params }) => {
      const { sessionsEnded } = await staff.remove(auth, params.centerId, params.accountId);
      await chatTeam.counselorRemoved(params.centerId, params.accountId);
      if (sessionsEnded) endSockets(params.accountId);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/settings',
      tag: 'Staff',
      access: { centerRole: 'center_admin' },
      summary: 'Center security settings',
      params: centerParams,
      response: centerSettingsSchema,
    },
    async ({ params }) => staff.settings(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/api/centers/:centerId/settings',
      tag: 'Staff',
      access: { centerRole: 'center_admin' },
      summary: 'Change center security settings (e.g. second factor for counselors)',
      params: centerParams,
      body: centerSettingsSchema,
      response: centerSettingsSchema,
    },
    async ({ auth, params, body }) => staff.updateSettings(auth, params.centerId, body),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/audit',
      tag: 'Staff',
      access: { centerRole: 'center_admin' },
      summary: 'Audit log of admin actions (no content)',
      params: centerParams,
      response: z.array(auditEntrySchema),
    },
    async ({ params }) => staff.audit(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/platform/key-grant',
      tag: 'Keys',
      access: 'platform_admin',
      summary: 'The platform signing key, sealed to this platform admin',
      response: platformKeyGrantSchema,
    },
    async ({ auth }) => keys.platformKeyGrant(auth),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/platform/pending-certificates',
      tag: 'Keys',
      access: 'platform_admin',
      summary: 'Center admins waiting for a certificate',
      response: z.array(pendingCertificateSchema),
    },
    async () => keys.pendingCertificates(),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/admin-certificates',
      tag: 'Keys',
      access: 'platform_admin',
      status: 204,
      summary: "Store a platform-signed certificate of a center admin's keys",
      params: centerParams,
      body: adminCertificateRequestSchema,
    },
    async ({ auth, params, body }) => {
      await keys.addAdminCertificate(auth, params.centerId, body);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/team-key',
      tag: 'Keys',
      access: { centerRole: 'center_admin' },
      status: 201,
      summary: 'Publish a new team key epoch with the signed member list and sealed grants',
      params: centerParams,
      body: teamKeyRequestSchema,
      response: z.object({ epoch: z.number() }),
    },
    async ({ auth, params, body }) => {
      const published = await keys.publishTeamKey(auth, params.centerId, body);
      await chatTeam.keysChanged(params.centerId);
      return published;
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/member-list',
      tag: 'Keys',
      access: { centerRole: 'center_admin' },
      status: 201,
      summary: 'Publish a new signed member list for the current team key (a counselor joined)',
      params: centerParams,
      body: signedStatementSchema,
      response: z.object({ version: z.number() }),
    },
    async ({ auth, params, body }) => {
      const published = await keys.publishMemberList(auth, params.centerId, body);
      await chatTeam.keysChanged(params.centerId);
      return published;
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/pending-grants',
      tag: 'Keys',
      access: { centerRole: 'counselor' },
      summary: 'Listed members who still lack the current team key (for a member who holds it)',
      params: centerParams,
      response: pendingGrantsSchema,
    },
    async ({ params }) => keys.pendingGrants(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/api/centers/:centerId/team-key-grants',
      tag: 'Keys',
      access: { centerRole: 'counselor' },
      status: 201,
      summary: 'Hand the team key on to listed members who lack it, sealed to each',
      params: centerParams,
      body: teamKeyGrantsRequestSchema,
      response: z.object({ granted: z.number() }),
    },
    async ({ auth, params, body }) => {
      const result = await keys.addGrants(auth, params.centerId, body.grants);
      await chatTeam.keysChanged(params.centerId);
      return result;
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/key-chain',
      tag: 'Keys',
      access: 'public',
      summary: "The center's team key with its signature chain, for clients to verify",
      params: centerParams,
      response: centerKeyChainSchema,
    },
    async ({ params }) => keys.keyChain(params.centerId),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/api/centers/:centerId/team-key-grant',
      tag: 'Keys',
      access: { centerRole: 'counselor' },
      summary: 'My sealed copy of the team private key',
      params: centerParams,
      response: z.object({ epoch: z.number(), sealedKey: z.string() }),
    },
    async ({ auth, params }) => keys.myTeamKeyGrant(auth, params.centerId),
  );

  return router;
}
