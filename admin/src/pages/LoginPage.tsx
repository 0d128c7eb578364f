import { useState, type FormEvent } from 'react';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { FlashMessageView } from '@common/ui/Flash';
import { PasswordField, SubmitButton, TextField, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useT, type MessageKey } from '../i18n';

/** Step one: email and password. The second factor follows (App picks the step by session stage). */
export function LoginPage() {
  const t = useT();
  const { sdk, expired } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [seeker, setSeeker] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = { email: email.trim() === '', password: password === '' };
    setErrors(found);
    setFailure(undefined);
    setSeeker(false);
    if (found.email || found.password) {
      focusFirstInvalid([found.email && 'login-email', found.password && 'login-password']);
      return;
    }
    setBusy(true);
    try {
      const response = await sdk.login(email.trim(), password);
      if (response.account.kind !== 'staff') {
        setSeeker(true);
        await sdk.logout();
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('login.title')} siteName={t('app.name')}>
      <FlashMessageView path="/login" />
      {expired && <Alert variant="info" title={t('error.sessionExpired')} />}
      <p className="kern-body">{t('login.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey> error={failure} overrides={{ 401: 'login.wrong', 404: 'login.wrong' }} />
        {seeker && <Alert variant="info" title={t('login.seeker')} live />}
        <TextField
          id="login-email"
          type="email"
          label={t('login.email')}
          value={email}
          onChange={setEmail}
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          required
          error={errors.email ? t('common.required') : undefined}
        />
        <PasswordField
          id="login-password"
          label={t('login.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={errors.password ? t('common.required') : undefined}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('login.submit')}</SubmitButton>
        </div>
      </form>
    </Page>
  );
}
