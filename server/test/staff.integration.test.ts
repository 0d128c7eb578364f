import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { totpCode } from '../src/accounts/totp';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function lastInviteToken(email: string): Promise<string> {
  await server.app.flushMail();
  const mail = await server.db
    .selectFrom('mail_outbox')
    .select(['text_body', 'status'])
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  expect(mail.status).toBe('sent');
  return /#\/invite\/([\w-]+)/.exec(mail.text_body)![1]!;
}

describe('staff invitations and the second factor', () => {
  it('center admin must set up TOTP, invites a counselor who sets their own password', async () => {
    const centerId = await server.createCenter('Suchtberatung Rheinufer');
    const admin = await server.createStaff({ centerId, role: 'center_admin' });

    const adminClient = server.client();
    const login = await adminClient.login(admin.email, admin.password);
    expect(login.stage).toBe('mfa_setup');
    expect(login.keys).toBeUndefined();
    await expect(adminClient.staff(centerId)).rejects.toMatchObject({ status: 401, code: 'MFA_REQUIRED' });
    const { secret, otpauthUrl } = await adminClient.setupMfa();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    await expect(adminClient.enableMfa('000000')).rejects.toMatchObject({ status: 422 });
    const enabled = await adminClient.enableMfa(totpCode(secret, Date.now()));
    expect(enabled.recoveryCodes).toHaveLength(10);
    expect(enabled.stage).toBe('full');
    expect(adminClient.identity).toBeDefined();

    const invite = await adminClient.invite(centerId, {
      email: 'neu@beratung.example',
      displayName: 'Neue Beraterin',
      role: 'counselor',
    });
    const token = await lastInviteToken('neu@beratung.example');
    const files = (await import('node:fs')).readdirSync(`${server.dataDir}/outbox`);
    expect(files.some((f) => f.endsWith('.eml'))).toBe(true);

    const counselor = server.client();
    expect(await counselor.getInvite(token)).toMatchObject({
      centerName: 'Suchtberatung Rheinufer',
      role: 'counselor',
      email: 'neu@beratung.example',
    });
    const session = await counselor.acceptInvite(token, 'Mein-eigenes-Passwort-7');
    expect(session.stage).toBe('full');
    expect(session.account.memberships).toEqual([
      { centerId, centerName: 'Suchtberatung Rheinufer', role: 'counselor' },
    ]);
    await expect(server.client().acceptInvite(token, 'Noch-ein-Passwort-8')).rejects.toMatchObject({
      status: 410,
      code: 'INVITE_USED',
    });

    const staff = await adminClient.staff(centerId);
    expect(staff).toHaveLength(2);
    expect(staff.map((s) => s.displayName)).toContain('Neue Beraterin');
    const audit = await adminClient.auditLog(centerId);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.invited', 'staff.joined']));
    expect(JSON.stringify(audit)).not.toContain('Mein-eigenes-Passwort-7');
    expect(invite.id).toBeDefined();

    // The second login asks for the code; a recovery code works exactly once.
    const again = server.client();
    expect((await again.login(admin.email, admin.password)).stage).toBe('mfa_pending');
    await expect(again.verifyMfa('123456')).rejects.toMatchObject({ status: 401, code: 'MFA_INVALID' });
    const verified = await again.verifyMfa(enabled.recoveryCodes[0]!);
    expect(verified.stage).toBe('full');
    expect(again.identity).toBeDefined();
    const third = server.client();
    await third.login(admin.email, admin.password);
    await expect(third.verifyMfa(enabled.recoveryCodes[0]!)).rejects.toMatchObject({ status: 401 });
    await third.verifyMfa(enabled.recoveryCodes[1]!.toLowerCase().replace(/-/g, ' '));
    // Admins cannot switch the mandatory second factor off.
    await expect(third.disableMfa(enabled.recoveryCodes[2]!)).rejects.toMatchObject({
      status: 403,
      code: 'MFA_MANDATORY',
    });
  });

  it('rejects expired and unknown invitations', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const adminClient = await server.loginStaff(admin.email, admin.password);
    await adminClient.invite(centerId, {
      email: 'spaet@beratung.example',
      displayName: 'Zu Spät',
      role: 'counselor',
    });
    const token = await lastInviteToken('spaet@beratung.example');
    await server.db
      .updateTable('invites')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('email', '=', 'spaet@beratung.example')
      .execute();
    await expect(server.client().getInvite(token)).rejects.toMatchObject({
      status: 410,
      code: 'INVITE_EXPIRED',
    });
    await expect(server.client().getInvite('x'.repeat(43))).rejects.toMatchObject({
      status: 404,
      code: 'INVITE_INVALID',
    });
  });

  it('applies the per-center second-factor policy to counselors', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const counselor = await server.createStaff({ centerId, role: 'counselor' });
    expect((await server.client().login(counselor.email, counselor.password)).stage).toBe('full');
    const adminClient = await server.loginStaff(admin.email, admin.password);
    await adminClient.api.put(`/api/centers/${centerId}/settings`, { counselorMfaRequired: true });
    expect((await server.client().login(counselor.email, counselor.password)).stage).toBe('mfa_setup');
  });

  it('removing a member ends their sessions and is audited', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const counselor = await server.createStaff({ centerId, role: 'counselor' });
    const counselorClient = await server.loginStaff(counselor.email, counselor.password);
    const adminClient = await server.loginStaff(admin.email, admin.password);
    await adminClient.removeStaff(centerId, counselor.accountId);
    expect(await counselorClient.currentSession()).toBeUndefined();
    expect((await adminClient.auditLog(centerId)).map((a) => a.action)).toContain('staff.removed');
  });
});
