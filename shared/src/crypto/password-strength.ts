/**
 * Password strength, checked on the client (the server never sees the password).
 * Length matters most; short passwords need variety; well-known ones are refused.
 */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_SIMPLE' | 'TOO_COMMON' | 'CONTAINS_NAME';

export interface PasswordStrength {
  ok: boolean;
  /** 0 (useless) … 4 (strong) */
  score: 0 | 1 | 2 | 3 | 4;
  problems: PasswordProblem[];
}

export const PASSWORD_MIN_LENGTH = 10;

const COMMON = new Set([
  'passwort123',
  'password123',
  'passwort1234',
  'password1234',
  '1234567890',
  'qwertzuiop',
  'qwertyuiop',
  'hallo12345',
  'passwort!1',
  'sommer2024',
  'sommer2025',
  'sommer2026',
  'winter2025',
  'winter2026',
  'ichliebedich',
  'iloveyou12',
  'letmein123',
  'willkommen1',
  'welcome123',
  'abcdefghij',
  '0987654321',
  'fussball123',
  'schalke04!',
  'borussia09',
  'geheim1234',
  'passwort12',
  'password12',
  '1q2w3e4r5t',
]);

function characterClasses(password: string): number {
  return [/[a-zäöüß]/, /[A-ZÄÖÜ]/, /\d/, /[^A-Za-z0-9äöüßÄÖÜ]/].filter((re) => re.test(password)).length;
}

export function checkPasswordStrength(password: string, context: { name?: string } = {}): PasswordStrength {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  const classes = characterClasses(password);
  if (length < PASSWORD_MIN_LENGTH) problems.push('TOO_SHORT');
  if (length < 16 && classes < 3) problems.push('TOO_SIMPLE');
  if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password)) problems.push('TOO_COMMON');
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) problems.push('CONTAINS_NAME');
  const raw = Math.min(4, Math.floor(length / 6) + Math.max(0, classes - 2));
  const score = (problems.length > 0 ? Math.min(raw, 1) : Math.max(2, raw)) as PasswordStrength['score'];
  return { ok: problems.length === 0, score, problems };
}
