import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, PASSWORD_MIN_LENGTH } from '@beratung/shared';
import { strengthView } from '../src/common/ui/strength';
import { de } from '../src/i18n/de';

describe('strength meter mapping', () => {
  it('shows a short password as very weak, with the minimum length', () => {
    const view = strengthView(checkPasswordStrength('kurz'));
    expect(view.ok).toBe(false);
    expect(view.level).toBe(0);
    expect(view.labelKey).toBe('strength.0');
    expect(view.problems).toContainEqual({
      key: 'strength.problem.TOO_SHORT',
      vars: { min: PASSWORD_MIN_LENGTH },
    });
  });

  it('names every problem the shared check reports', () => {
    const view = strengthView(checkPasswordStrength('passwort123', { name: 'passwort' }));
    expect(view.problems.map((p) => p.key)).toEqual(
      expect.arrayContaining(['strength.problem.TOO_COMMON', 'strength.problem.CONTAINS_NAME']),
    );
    for (const problem of view.problems) expect(de).toHaveProperty([problem.key]);
  });

  it('shows a long passphrase as strong and without problems', () => {
    const view = strengthView(checkPasswordStrength('Blauer Himmel über Köln 7'));
    expect(view.ok).toBe(true);
    expect(view.level).toBeGreaterThanOrEqual(3);
    expect(view.problems).toEqual([]);
    expect(de[view.labelKey]).toMatch(/gut/);
  });

  it('maps every score to a label that exists', () => {
    for (const score of [0, 1, 2, 3, 4] as const) {
      const view = strengthView({ ok: score >= 2, score, problems: [] });
      expect(de).toHaveProperty([view.labelKey]);
    }
  });
});
