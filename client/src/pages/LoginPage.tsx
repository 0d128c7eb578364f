import { useState, type FormEvent } from 'react';
import { useSession } from '../common/sdk/session';
import { Alert, ErrorAlert } from '../common/ui/Alert';
import { FlashMessageView } from '../common/ui/Flash';
import { PasswordField, SubmitButton, TextField, focusFirstInvalid } from '../common/ui/Form';
import { Page } from '../common/ui/Layout';
import { navigate } from '../common/router';
import { useT, type MessageKey } from '../i18n';

export function LoginPage() {
  const t = useT();
  const { sdk, expired } = useSession();
  const [pseudonym, setPseudonym] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ pseudonym?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [staff, setStaff] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = { pseudonym: pseudonym.trim() === '', password: password === '' };
    setErrors(found);
    setFailure(undefined);
    if (found.pseudonym || found.password) {
      focusFirstInvalid([found.pseudonym && 'login-pseudonym', found.password && 'login-password']);
      return;
    }
    setBusy(true);
    try {
      const response = await sdk.login(pseudonym.trim(), password);
      if (response.account.kind === 'staff') {
        setStaff(true);
        await sdk.logout();
        return;
      }
      navigate('/account');
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
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey> error={failure} overrides={{ 401: 'login.wrong', 404: 'login.wrong' }} />
        {staff && <Alert variant="info" title={t('login.staff')} live />}
        <TextField
          id="login-pseudonym"
          label={t('login.pseudonym')}
          value={pseudonym}
          onChange={setPseudonym}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={errors.pseudonym ? t('common.required') : undefined}
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
          <a className="kern-link" href="#/recover">
            {t('login.forgot')}
          </a>
        </div>
      </form>
      <p className="kern-body section">
        {t('login.noAccount')}{' '}
        <a className="kern-link" href="#/register">
          {t('nav.register')}
        </a>
      </p>
    </Page>
  );
}
