import { PASSWORD_MIN_LENGTH, type PasswordProblem, type PasswordStrength } from '@beratung/shared';
import type { CommonKey } from '../i18n/messages';

export interface StrengthView {
  /** 0 … 4, drives the bar (CSS class `strength--N`). */
  level: PasswordStrength['score'];
  labelKey: Extract<CommonKey, `strength.${0 | 1 | 2 | 3 | 4}`>;
  problems: Array<{
    key: Extract<CommonKey, `strength.problem.${PasswordProblem}`>;
    vars?: Record<string, number>;
  }>;
  ok: boolean;
}

/** Maps the shared strength check to what the meter shows: a level, a word, the problems. */
export function strengthView(strength: PasswordStrength): StrengthView {
  return {
    level: strength.score,
    labelKey: `strength.${strength.score}`,
    problems: strength.problems.map((problem) =>
      problem === 'TOO_SHORT'
        ? { key: 'strength.problem.TOO_SHORT', vars: { min: PASSWORD_MIN_LENGTH } }
        : { key: `strength.problem.${problem}` },
    ),
    ok: strength.ok,
  };
}
