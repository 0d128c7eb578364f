import { fromBase64, getSodium, toBase64 } from './sodium';

/**
 * Signed statements of the trust chain (ARCHITECTURE.md §5):
 * platform signing key → center admin certificates → team key and member list.
 * A statement is canonical JSON (sorted keys) signed with Ed25519, so any client
 * checks it byte for byte without trusting the server that delivered it.
 */
export interface SignedStatement {
  payload: string;
  signature: string;
}

export interface AdminCertificate {
  type: 'center-admin';
  centerId: string;
  accountId: string;
  signPublicKey: string;
  boxPublicKey: string;
  issuedAt: string;
}

export interface TeamKeyStatement {
  type: 'team-key';
  centerId: string;
  epoch: number;
  boxPublicKey: string;
  issuedAt: string;
}

export interface MemberListStatement {
  type: 'member-list';
  centerId: string;
  version: number;
  members: Array<{ accountId: string; boxPublicKey: string; signPublicKey: string }>;
  issuedAt: string;
}

export type Statement = AdminCertificate | TeamKeyStatement | MemberListStatement;

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const DOMAIN = 'beratung:statement:v1:';

export async function signStatement(
  statement: Statement,
  signSecretKey: Uint8Array,
): Promise<SignedStatement> {
  const sodium = await getSodium();
  const payload = canonicalJson(statement);
  const signature = sodium.crypto_sign_detached(sodium.from_string(DOMAIN + payload), signSecretKey);
  return { payload, signature: toBase64(sodium, signature) };
}

export class TrustError extends Error {
  readonly code = 'TRUST_CHAIN_INVALID';
}

/** Verifies a signature and returns the parsed statement, or throws TrustError. */
export async function openStatement<T extends Statement>(
  signed: SignedStatement,
  signPublicKey: string,
  expectedType: T['type'],
): Promise<T> {
  const sodium = await getSodium();
  let valid = false;
  try {
    valid = sodium.crypto_sign_verify_detached(
      fromBase64(sodium, signed.signature),
      sodium.from_string(DOMAIN + signed.payload),
      fromBase64(sodium, signPublicKey),
    );
  } catch {
    valid = false;
  }
  if (!valid) throw new TrustError(`Invalid signature on ${expectedType} statement`);
  const statement = JSON.parse(signed.payload) as Statement;
  if (statement.type !== expectedType) throw new TrustError(`Expected a ${expectedType} statement`);
  if (canonicalJson(statement) !== signed.payload) throw new TrustError('Statement is not canonical');
  return statement as T;
}

/** What the server hands out for a center: everything a client needs to check its team key. */
export interface CenterKeyChain {
  centerId: string;
  adminCertificates: Array<SignedStatement & { accountId: string }>;
  teamKey: SignedStatement & { signedBy: string };
  memberList?: SignedStatement & { signedBy: string };
}

export interface VerifiedCenterKeys {
  teamKey: TeamKeyStatement;
  memberList?: MemberListStatement;
}

/**
 * Checks the whole chain against the platform public key the app was configured
 * with. A server that substitutes any key along the way makes this throw, and the
 * client must then refuse to send.
 */
export async function verifyCenterKeyChain(
  platformSignPublicKey: string,
  chain: CenterKeyChain,
): Promise<VerifiedCenterKeys> {
  const admins = new Map<string, AdminCertificate>();
  for (const certificate of chain.adminCertificates) {
    const admin = await openStatement<AdminCertificate>(certificate, platformSignPublicKey, 'center-admin');
    if (admin.centerId !== chain.centerId) throw new TrustError('Admin certificate for another center');
    admins.set(admin.accountId, admin);
  }
  const teamSigner = admins.get(chain.teamKey.signedBy);
  if (!teamSigner) throw new TrustError('Team key is not signed by a certified center admin');
  const teamKey = await openStatement<TeamKeyStatement>(chain.teamKey, teamSigner.signPublicKey, 'team-key');
  if (teamKey.centerId !== chain.centerId) throw new TrustError('Team key of another center');
  let memberList: MemberListStatement | undefined;
  if (chain.memberList) {
    const listSigner = admins.get(chain.memberList.signedBy);
    if (!listSigner) throw new TrustError('Member list is not signed by a certified center admin');
    memberList = await openStatement<MemberListStatement>(
      chain.memberList,
      listSigner.signPublicKey,
      'member-list',
    );
    if (memberList.centerId !== chain.centerId) throw new TrustError('Member list of another center');
  }
  return { teamKey, memberList };
}
