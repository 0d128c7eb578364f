import { useState, type FormEvent } from 'react';
import { ApiError } from '@beratung/shared';
import { useI18n } from '../common/i18n/core';
import { currentPath, splitPath } from '../common/router';
import { useSession } from '../common/sdk/session';
import { Alert, ErrorAlert } from '../common/ui/Alert';
import { useFlash } from '../common/ui/Flash';
import { Checkbox, SubmitButton, TextField, focusFirstInvalid } from '../common/ui/Form';
import { Page } from '../common/ui/Layout';
import { NewPasswordFields, newPasswordProblems } from '../common/ui/NewPasswordFields';
import { useT, type MessageKey } from '../i18n';
import { RecoveryCodeView } from './RecoveryCodeView';
import { nextPath, withNext } from './returnTo';
import { emailProblem, pseudonymProblem } from './validation';

type Field = 'pseudonym' | 'password' | 'password2' | 'email';

export function RegisterPage() {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const flash = useFlash();
  const [pseudonym, setPseudonym] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [email, setEmail] = useState('');
  const [withRecovery, setWithRecovery] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [recoveryCode, setRecoveryCode] = useState<string>();
  // Coming from "Online-Beratung starten": continue there once the account exists.
  const next = nextPath(splitPath(currentPath()).search);

  const welcome = () =>
    flash.go(next ?? '/account', {
      variant: 'success',
      title: t('common.successTitle'),
      text: t('register.done'),
    });

  if (recoveryCode) return <RecoveryCodeView code={recoveryCode} onDone={welcome} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const passwords = newPasswordProblems(password, password2, pseudonym);
    const found: Partial<Record<Field, MessageKey>> = {
      pseudonym: pseudonymProblem(pseudonym),
      password: passwords.password,
      password2: passwords.repeat,
      email: emailProblem(email),
    };
    setErrors(found);
    setFailure(undefined);
    const invalid = (Object.keys(found) as Field[]).filter((field) => found[field]);
    if (invalid.length > 0) {
      focusFirstInvalid(invalid.map((field) => `register-${field}`));
      return;
    }
    setBusy(true);
    try {
      const result = await sdk.registerSeeker({
        pseudonym: pseudonym.trim(),
        password,
        email: email.trim() || undefined,
        locale,
        withRecoveryCode: withRecovery,
      });
      if (result.recoveryCode) setRecoveryCode(result.recoveryCode);
      else welcome();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setErrors({ pseudonym: 'register.pseudonym.taken' });
        focusFirstInvalid(['register-pseudonym']);
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const message = (field: Field) => (errors[field] ? t(errors[field]) : undefined);

  return (
    <Page title={t('register.title')} siteName={t('app.name')}>
      <p className="kern-body">{t('register.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert error={failure} />
        <TextField
          id="register-pseudonym"
          label={t('register.pseudonym')}
          hint={t('register.pseudonym.hint')}
          value={pseudonym}
          onChange={setPseudonym}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={40}
          required
          error={message('pseudonym')}
        />
        <NewPasswordFields
          ids={{ password: 'register-password', repeat: 'register-password2', strength: 'register-strength' }}
          label={t('register.password')}
          hint={t('register.password.hint')}
          password={password}
          repeat={password2}
          onPassword={setPassword}
          onRepeat={setPassword2}
          name={pseudonym}
          errors={{ password: message('password'), repeat: message('password2') }}
        />
        <TextField
          id="register-email"
          type="email"
          label={t('register.email')}
          hint={t('register.email.hint')}
          optional
          value={email}
          onChange={setEmail}
          autoComplete="email"
          inputMode="email"
          error={message('email')}
        />
        <Checkbox
          id="register-recovery"
          label={t('register.recovery')}
          hint={t('register.recovery.hint')}
          checked={withRecovery}
          onChange={setWithRecovery}
        />
        {!withRecovery && (
          <Alert variant="warning" title={t('register.recovery.withoutTitle')} live>
            <p className="kern-body">{t('register.recovery.without')}</p>
          </Alert>
        )}
        {busy && (
          <p className="kern-body muted" role="status">
            {t('register.working')}
          </p>
        )}
        <div className="actions">
          <SubmitButton busy={busy}>{t('register.submit')}</SubmitButton>
        </div>
      </form>
      <p className="kern-body section">
        {t('register.haveAccount')}{' '}
        <a className="kern-link" href={`#${withNext('/login', next)}`}>
          {t('nav.login')}
        </a>
      </p>
    </Page>
  );
}
