/**
 * Bootstrap: `npm run platform-admin -- --email you@example.org --name "Your Name"`.
 * Creates a platform admin (password read from PLATFORM_ADMIN_PASSWORD or asked on
 * the terminal; the key derivation runs here, as a client would). The first platform
 * admin also gets a new platform signing key: its public half is printed, to be set as
 * PLATFORM_SIGN_PUBLIC_KEY for the server and the apps.
 */
import { createInterface } from 'node:readline/promises';
import { checkPasswordStrength, generatePlatformSigningKey } from '@beratung/shared';
import { loadConfig } from '../config';
import { openConfiguredDatabase } from './configured-database';
import { PasswordHasher } from '../security/password-hasher';
import { grantPlatformKey, provisionStaffAccount } from '../accounts/provision';
import { writePlatformPublicKey } from '../platform/platform-key';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const email = argument('email');
  const name = argument('name') ?? 'Plattform-Admin';
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    console.error('Usage: npm run platform-admin -- --email you@example.org [--name "Your Name"]');
    process.exit(2);
  }
  let password = process.env.PLATFORM_ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Password for the new platform admin: ');
    rl.close();
  }
  const strength = checkPasswordStrength(password, { name: email.split('@')[0] });
  if (!strength.ok) {
    console.error(`Password too weak: ${strength.problems.join(', ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const hasher = new PasswordHasher(1);
  try {
    const admin = await provisionStaffAccount(database.db, hasher, {
      email,
      displayName: name,
      password,
      platformAdmin: true,
    });
    const grants = await database.db.selectFrom('platform_key_grants').select('account_id').execute();
    if (grants.length === 0 && !config.PLATFORM_SIGN_PUBLIC_KEY) {
      const platform = await generatePlatformSigningKey();
      await grantPlatformKey(database.db, admin.accountId, admin.identity, platform);
      writePlatformPublicKey(config.dataDir, platform.publicKey);
      console.log(
        `Platform admin created. New platform signing key (set it in production):\nPLATFORM_SIGN_PUBLIC_KEY=${platform.publicKey}`,
      );
    } else {
      console.log(
        'Platform admin created. An existing platform admin must share the platform key with them.',
      );
    }
    console.log('Log in at /admin/ — a second factor (TOTP) is set up at the first login.');
  } finally {
    await hasher.close();
    await database.close();
  }
}

await main();
