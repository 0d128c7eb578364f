import type { ReactNode } from 'react';
import { checkPasswordStrength } from '@beratung/shared';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';
import { PasswordField } from './Form';
import { StrengthMeter } from './StrengthMeter';

/** What is wrong with a new password and its repetition (nothing: both undefined). */
export function newPasswordProblems(
  password: string,
  repeat: string,
  name: string | undefined,
): { password?: 'error.weakPassword'; repeat?: 'password.mismatch' } {
  return {
    password: checkPasswordStrength(password, { name }).ok ? undefined : 'error.weakPassword',
    repeat: repeat === password ? undefined : 'password.mismatch',
  };
}

/**
 * A new password with its live strength meter, and the repetition: what registration,
 * recovery, accepting an invitation and changing the password all ask for.
 */
export function NewPasswordFields(props: {
  ids: { password: string; repeat: string; strength: string };
  label: string;
  hint?: ReactNode;
  password: string;
  repeat: string;
  onPassword(value: string): void;
  onRepeat(value: string): void;
  /** The user's name: the strength check refuses passwords that contain it. */
  name: string | undefined;
  errors: { password?: string; repeat?: string };
}) {
  const t = useTranslate<CommonKey>();
  return (
    <>
      <div>
        <PasswordField
          id={props.ids.password}
          label={props.label}
          hint={props.hint}
          value={props.password}
          onChange={props.onPassword}
          autoComplete="new-password"
          required
          describedBy={[props.ids.strength]}
          error={props.errors.password}
        />
        <StrengthMeter id={props.ids.strength} password={props.password} name={props.name} />
      </div>
      <PasswordField
        id={props.ids.repeat}
        label={t('password.repeat')}
        value={props.repeat}
        onChange={props.onRepeat}
        autoComplete="new-password"
        required
        error={props.errors.repeat}
      />
    </>
  );
}
