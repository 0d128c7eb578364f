import { useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../sdk/session';
import { useTranslate } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';
import { Alert, ErrorAlert } from './Alert';
import { FlashMessageView } from './Flash';
import { PasswordField, SubmitButton, TextField, focusFirstInvalid } from './Form';

/**
 * Login name and password, for both apps. An account of the other app's kind (a help
 * seeker in the staff app, staff in the help-seeker app) is logged out again with a hint.
 */
export function LoginForm<K extends string>(props: {
  login: { id: string; label: string; email?: boolean };
  passwordLabel: string;
  submitLabel: string;
  /** The message for a wrong login name or password. */
  wrongKey: K;
  /** Which kind of account belongs to the other app, and what to tell it. */
  otherKind: 'seeker' | 'staff';
  otherKindMessage: string;
  intro?: ReactNode;
  /** Further links next to the submit button. */
  actions?: ReactNode;
  onLoggedIn?(): void;
}) {
  const t = useTranslate<CommonKey>();
  const { sdk, expired } = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ login?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [otherKind, setOtherKind] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = { login: login.trim() === '', password: password === '' };
    setErrors(found);
    setFailure(undefined);
    setOtherKind(false);
    if (found.login || found.password) {
      focusFirstInvalid([found.login && props.login.id, found.password && 'login-password']);
      return;
    }
    setBusy(true);
    try {
      const response = await sdk.login(login.trim(), password);
      if (response.account.kind === props.otherKind) {
        setOtherKind(true);
        await sdk.logout();
        return;
      }
      props.onLoggedIn?.();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <FlashMessageView path="/login" />
      {expired && <Alert variant="info" title={t('error.sessionExpired')} />}
      {props.intro}
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<K> error={failure} overrides={{ 401: props.wrongKey, 404: props.wrongKey }} />
        {otherKind && <Alert variant="info" title={props.otherKindMessage} live />}
        <TextField
          id={props.login.id}
          type={props.login.email ? 'email' : 'text'}
          label={props.login.label}
          value={login}
          onChange={setLogin}
          autoComplete="username"
          inputMode={props.login.email ? 'email' : undefined}
          spellCheck={false}
          autoCapitalize="none"
          required
          error={errors.login ? t('common.required') : undefined}
        />
        <PasswordField
          id="login-password"
          label={props.passwordLabel}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={errors.password ? t('common.required') : undefined}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{props.submitLabel}</SubmitButton>
          {props.actions}
        </div>
      </form>
    </>
  );
}
