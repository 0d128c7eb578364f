import { pathToFileURL } from 'node:url';
import { generatePlatformSigningKey, type Identity } from '@beratung/shared';
import { ROOT, startHarnessServer, type BrowserTestServer, type HarnessServer } from './support';

/** The server modules used here (loaded like the harness, so the apps' typecheck stays out of server/). */
interface ProvisionModule {
  grantPlatformKey(
    db: unknown,
    accountId: string,
    identity: Identity,
    platform: { publicKey: string; secretKey: Uint8Array },
  ): Promise<void>;
}
interface PlatformKeyModule {
  writePlatformPublicKey(dataDir: string, key: string): void;
}

export interface PlatformTestServer extends BrowserTestServer {
  /** A platform admin holding the platform signing key; TOTP is set up and used once. */
  createPlatformAdmin(): Promise<{ email: string; password: string; totpSecret: string }>;
}

/**
 * Gives the server a platform signing key, as the bootstrap does: the public half goes
 * into its data directory; `grant` seals the secret to a platform admin's key.
 */
export async function installPlatformKey(
  server: HarnessServer,
): Promise<{ grant(accountId: string, identity: Identity): Promise<void> }> {
  const load = <T>(file: string) => import(pathToFileURL(`${ROOT}server/src/${file}`).href) as Promise<T>;
  const { grantPlatformKey } = await load<ProvisionModule>('accounts/provision.ts');
  const { writePlatformPublicKey } = await load<PlatformKeyModule>('platform/platform-key.ts');
  const platform = await generatePlatformSigningKey();
  writePlatformPublicKey(server.dataDir, platform.publicKey);
  return { grant: (accountId, identity) => grantPlatformKey(server.db, accountId, identity, platform) };
}

/**
 * The real server with a platform signing key: its public half is written to the data
 * directory (as the bootstrap does) and its secret is sealed to each platform admin made here.
 */
export async function startServerWithPlatformKey(): Promise<PlatformTestServer> {
  const { harness, server, wrapped } = await startHarnessServer();
  const platformKey = await installPlatformKey(server);
  return {
    ...wrapped,
    async createPlatformAdmin() {
      const { accountId, email, password } = await server.createStaff({ platformAdmin: true });
      // The harness logs in with the SDK (setting up the mandatory TOTP); its client holds the keys.
      const client = (await server.loginStaff(email, password)) as { identity?: Identity };
      if (!client.identity) throw new Error('The harness login did not unlock the keys');
      await platformKey.grant(accountId, client.identity);
      const totpSecret = harness.totpSecrets.get(email);
      if (!totpSecret) throw new Error('The harness did not record the TOTP secret');
      return { email, password, totpSecret };
    },
  };
}
