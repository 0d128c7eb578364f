import { checkPasswordStrength } from '@beratung/shared';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';
import { strengthView } from './strength';

/**
 * Live password strength, from the same check the SDK applies before it derives keys.
 * Give its id to the password field's `describedBy`.
 */
export function StrengthMeter({ id, password, name }: { id: string; password: string; name?: string }) {
  const t = useTranslate<CommonKey>();
  const view = password ? strengthView(checkPasswordStrength(password, { name })) : undefined;
  return (
    <div className="strength" id={id}>
      <div className={`strength__bar strength--${view ? view.level : 'none'}`} aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
      </div>
      <p className="kern-body kern-body--small strength__label" aria-live="polite">
        {view ? t('strength.label', { level: t(view.labelKey) }) : t('strength.tip')}
      </p>
      {view && view.problems.length > 0 && (
        <ul className="kern-list strength__problems">
          {view.problems.map((problem) => (
            <li key={problem.key} className="kern-body kern-body--small">
              {t(problem.key, problem.vars)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
