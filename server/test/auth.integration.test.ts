import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ApiError, BeratungClient, deriveLoginKeys, getSodium, publicIdentity } from '@beratung/shared';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A client whose every request body is recorded, to check what leaves the "browser". */
function recordingClient(): { client: BeratungClient; bodies: string[] } {
  const bodies: string[] = [];
  const client = new BeratungClient({
    baseUrl: server.url,
    nodeOrigin: server.origin,
    fetch: async (input, init) => {
      if (typeof init?.body === 'string') bodies.push(init.body);
      return fetch(input, init);
    },
  });
  return { client, bodies };
}

describe('help seeker registration and login (login secret split)', () => {
  it('never sends the password or the wrapKey to the server, and unwraps the keys after login', async () => {
    const password = 'Rheinwiesen-im-Nebel-7';
    const { client, bodies } = recordingClient();
    const { session, recoveryCode } = await client.registerSeeker({
      pseudonym: 'Nebelkrähe',
      password,
      withRecoveryCode: true,
    });
    expect(session.stage).toBe('full');
    expect(session.account).toMatchObject({ kind: 'seeker', displayName: 'Nebelkrähe', email: null });
    expect(recoveryCode).toMatch(/^([A-Z2-9]{5}-){4}[A-Z2-9]{5}$/);
    const registeredIdentity = client.identity!;

    const { client: second, bodies: loginBodies } = recordingClient();
    const login = await second.login('nebelkrähe', password);
    expect(login.stage).toBe('full');
    expect(second.identity!.boxSecretKey).toEqual(registeredIdentity.boxSecretKey);

    const sodium = await getSodium();
    const row = await server.db
      .selectFrom('accounts')
      .selectAll()
      .where('login', '=', 'nebelkrähe')
      .executeTakeFirstOrThrow();
    const { wrapKey, authKey } = await deriveLoginKeys(password, row.kdf);
    const sent = [...bodies, ...loginBodies].join('\n');
    expect(sent).toContain(authKey);
    expect(sent).not.toContain(password);
    for (const variant of Object.values(sodium.base64_variants)) {
      expect(sent).not.toContain(sodium.to_base64(wrapKey, variant));
    }
    expect(sent).not.toContain(Buffer.from(wrapKey).toString('hex'));
    expect(sent).not.toContain(recoveryCode!);
    // The server keeps only an Argon2id hash of authKey, never authKey itself.
    expect(row.auth_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(authKey);
  });

  it('keeps pseudonyms unique regardless of case', async () => {
    await server.client().registerSeeker({ pseudonym: 'Leuchtturm', password: 'Ebbe-und-Flut-2026' });
    const error = await server
      .client()
      .registerSeeker({ pseudonym: 'LEUCHTTURM', password: 'Ebbe-und-Flut-2026' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).code).toBe('PSEUDONYM_TAKEN');
  });

  it('refuses weak passwords on the client before anything is sent', async () => {
    const { client, bodies } = recordingClient();
    await expect(client.registerSeeker({ pseudonym: 'Kurzpass', password: 'abc123' })).rejects.toThrow(
      /too weak/,
    );
    expect(bodies).toHaveLength(0);
  });

  it('rejects a wrong password with 401 and the same message as an unknown name', async () => {
    const seeker = await server.createSeeker();
    const wrong = (await server
      .client()
      .login(seeker.pseudonym, 'Falsches-Passwort-99')
      .catch((e: unknown) => e)) as ApiError;
    const unknown = (await server
      .client()
      .login('niemand-hier', 'Falsches-Passwort-99')
      .catch((e: unknown) => e)) as ApiError;
    expect(wrong).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(unknown).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: wrong.message });
  });

  it('gives unknown names stable made-up salts (no account enumeration)', async () => {
    const client = server.client();
    const first = await client.api.post<{ kdf: { salt: string } }>('/api/auth/prelogin', {
      login: 'gibt-es-nicht@example.org',
    });
    const again = await client.api.post<{ kdf: { salt: string } }>('/api/auth/prelogin', {
      login: 'gibt-es-nicht@example.org',
    });
    expect(first.kdf.salt).toBe(again.kdf.salt);
  });

  it('recovers a forgotten password with the recovery code, keeping the same keys', async () => {
    const first = server.client();
    const { recoveryCode } = await first.registerSeeker({
      pseudonym: 'Wanderer',
      password: 'Alter-Weg-am-Fluss-1',
      withRecoveryCode: true,
    });
    const originalKey = (await publicIdentity(first.identity!)).boxPublicKey;
    const recovering = server.client();
    await recovering.recover({
      pseudonym: 'Wanderer',
      recoveryCode: recoveryCode!.toLowerCase(),
      newPassword: 'Neuer-Weg-am-Fluss-2',
    });
    expect((await publicIdentity(recovering.identity!)).boxPublicKey).toBe(originalKey);
    // The old session is gone, the new password works, the old one does not.
    expect(await first.currentSession()).toBeUndefined();
    await server.client().login('Wanderer', 'Neuer-Weg-am-Fluss-2');
    await expect(server.client().login('Wanderer', 'Alter-Weg-am-Fluss-1')).rejects.toMatchObject({
      status: 401,
    });
    const wrongCode = await server
      .client()
      .recover({
        pseudonym: 'Wanderer',
        recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE',
        newPassword: 'Noch-ein-Weg-am-Fluss-3',
      })
      .catch((e: unknown) => e);
    expect(wrongCode).toBeInstanceOf(Error);
  });

  it('changes the password and ends the other sessions', async () => {
    const seeker = await server.createSeeker();
    const a = server.client();
    const b = server.client();
    await a.login(seeker.pseudonym, seeker.password);
    await b.login(seeker.pseudonym, seeker.password);
    await a.changePassword(seeker.password, 'Ganz-neues-Passwort-42');
    expect(await a.currentSession()).toBeDefined();
    expect(await b.currentSession()).toBeUndefined();
    const c = server.client();
    await c.login(seeker.pseudonym, 'Ganz-neues-Passwort-42');
    expect(c.identity).toBeDefined();
  });
});

describe('sessions', () => {
  it('logs out one session, and everywhere', async () => {
    const seeker = await server.createSeeker();
    const a = server.client();
    const b = server.client();
    await a.login(seeker.pseudonym, seeker.password);
    await b.login(seeker.pseudonym, seeker.password);
    await a.logout();
    expect(await a.currentSession()).toBeUndefined();
    expect(await b.currentSession()).toBeDefined();
    const c = server.client();
    await c.login(seeker.pseudonym, seeker.password);
    await c.logoutEverywhere();
    expect(await b.currentSession()).toBeUndefined();
  });

  it('issues a new session id at every login, as an httpOnly SameSite cookie', async () => {
    const seeker = await server.createSeeker();
    const client = server.client();
    const response = await client.api.raw('POST', '/api/auth/prelogin', {
      body: { login: seeker.pseudonym },
    });
    const { kdf } = (await response.json()) as { kdf: Parameters<typeof deriveLoginKeys>[1] };
    const { authKey } = await deriveLoginKeys(seeker.password, kdf);
    const first = await client.api.raw('POST', '/api/auth/login', {
      body: { login: seeker.pseudonym, authKey },
    });
    const second = await client.api.raw('POST', '/api/auth/login', {
      body: { login: seeker.pseudonym, authKey },
    });
    const cookie1 = first.headers.getSetCookie()[0]!;
    const cookie2 = second.headers.getSetCookie()[0]!;
    expect(cookie1).toMatch(/HttpOnly/i);
    expect(cookie1).toMatch(/SameSite=Strict/i);
    expect(cookie1.split(';')[0]).not.toBe(cookie2.split(';')[0]);
  });

  it('expires a staff session after 30 idle minutes and any session after its absolute limit', async () => {
    const centerId = await server.createCenter();
    const staff = await server.createStaff({ centerId, role: 'counselor' });
    const client = await server.loginStaff(staff.email, staff.password);
    expect(client.session!.idleTimeoutSeconds).toBe(30 * 60);
    await server.db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
      .where('account_id', '=', staff.accountId)
      .execute();
    expect(await client.currentSession()).toBeUndefined();

    const seeker = await server.createSeeker();
    const seekerClient = server.client();
    await seekerClient.login(seeker.pseudonym, seeker.password);
    await server.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('account_id', '=', seeker.accountId)
      .execute();
    expect(await seekerClient.currentSession()).toBeUndefined();
  });
});

describe('account deletion', () => {
  it('removes every row that refers to the account', async () => {
    const client = server.client();
    await client.registerSeeker({
      pseudonym: 'Abschied',
      password: 'Leise-geht-es-2026',
      withRecoveryCode: true,
    });
    const accountId = client.account!.id;
    await server.client().login('Abschied', 'Leise-geht-es-2026');
    await client.deleteAccount('Leise-geht-es-2026');

    // Every uuid column of every table: none may still hold the account id.
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type = 'uuid'`.execute(server.db);
    expect(columns.rows.length).toBeGreaterThan(5);
    for (const { table_name, column_name } of columns.rows) {
      const found = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table_name)} where ${sql.ref(column_name)} = ${accountId}`.execute(
        server.db,
      );
      expect(found.rows[0]!.n, `${table_name}.${column_name}`).toBe(0);
    }
    await expect(server.client().login('Abschied', 'Leise-geht-es-2026')).rejects.toMatchObject({
      status: 401,
    });
  });

  it('needs the current password', async () => {
    const seeker = await server.createSeeker();
    const client = server.client();
    await client.login(seeker.pseudonym, seeker.password);
    await expect(client.deleteAccount('Nicht-mein-Passwort-1')).rejects.toMatchObject({ status: 403 });
    expect(await client.currentSession()).toBeDefined();
  });
});
