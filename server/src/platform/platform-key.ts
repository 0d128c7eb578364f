import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the platform's public signing key lives when PLATFORM_SIGN_PUBLIC_KEY is not
 * set: written by the bootstrap (or the demo data) into DATA_DIR. Production pins it in
 * the environment and in the apps' build configuration.
 */
export function platformPublicKeyFile(dataDir: string): string {
  return path.join(dataDir, 'platform-sign-key.pub');
}

export function readPlatformPublicKey(dataDir: string): string | null {
  try {
    return fs.readFileSync(platformPublicKeyFile(dataDir), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export function writePlatformPublicKey(dataDir: string, key: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(platformPublicKeyFile(dataDir), `${key}\n`);
}
