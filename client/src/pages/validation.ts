import { emailSchema, pseudonymSchema } from '@beratung/shared';
import type { MessageKey } from '../i18n/de';

/** The shared zod schema decides; this only picks the German/English words for its verdict. */
export function pseudonymProblem(value: string): MessageKey | undefined {
  const result = pseudonymSchema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  switch (issue?.code) {
    case 'too_small':
      return 'register.pseudonym.too_small';
    case 'too_big':
      return 'register.pseudonym.too_big';
    case 'custom':
      return 'register.pseudonym.email';
    default:
      return 'register.pseudonym.invalid';
  }
}

export function emailProblem(value: string): MessageKey | undefined {
  if (value.trim() === '') return undefined;
  return emailSchema.safeParse(value).success ? undefined : 'register.email.invalid';
}
