import { TextField } from '@common/ui/Form';
import { useT } from './i18n';

/** A code from the authenticator app or one of the recovery codes (so longer than six digits). */
export function SecondFactorCodeField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  missing: boolean;
}) {
  const t = useT();
  return (
    <TextField
      id={props.id}
      label={props.label}
      hint={props.hint}
      value={props.value}
      onChange={props.onChange}
      autoComplete="one-time-code"
      spellCheck={false}
      autoCapitalize="none"
      maxLength={40}
      required
      className="field--short"
      error={props.missing ? t('common.required') : undefined}
    />
  );
}
