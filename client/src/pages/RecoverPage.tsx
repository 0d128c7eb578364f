import { useState, type FormEvent } from 'react';
import { useSession } from '../common/sdk/session';
import { Alert, ErrorAlert } from '../common/ui/Alert';
import { useFlash } from '../common/ui/Flash';
import { SubmitButton, TextField, focusFirstInvalid } from '../common/ui/Form';
import { Page } from '../common/ui/Layout';
import { NewPasswordFields, newPasswordProblems } from '../common/ui/NewPasswordFields';
import { useT, type MessageKey } from '../i18n';

type Field = 'pseudonym' | 'code' | 'password' | 'password2';

export function RecoverPage() {
  const t = useT();
  const { sdk } = useSession();
  const flash = useFlash();
  const [pseudonym, setPseudonym] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const passwords = newPasswordProblems(password, password2, pseudonym);
    const found: Partial<Record<Field, MessageKey>> = {
      pseudonym: pseudonym.trim() ? undefined : 'common.required',
      code: code.trim() ? undefined : 'common.required',
      password: passwords.password,
      password2: passwords.repeat,
    };
    setErrors(found);
    setFailure(undefined);
    const invalid = (Object.keys(found) as Field[]).filter((field) => found[field]);
    if (invalid.length > 0) {
      focusFirstInvalid(invalid.map((field) => `recover-${field}`));
      return;
    }
    setBusy(true);
    try {
      await sdk.recover({ pseudonym: pseudonym.trim(), recoveryCode: code, newPassword: password });
      flash.go('/account', { variant: 'success', title: t('common.successTitle'), text: t('recover.done') });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const message = (field: Field) => (errors[field] ? t(errors[field]) : undefined);

  return (
    <Page title={t('recover.title')} siteName={t('app.name')}>
      <div className="stack">
        <p className="kern-body">{t('recover.intro')}</p>
        <Alert variant="info" title={t('recover.noCode.title')}>
          <p className="kern-body">{t('recover.noCode')}</p>
        </Alert>
      </div>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{ 401: 'recover.wrong', 404: 'recover.wrong', unwrap: 'recover.wrong' }}
        />
        <TextField
          id="recover-pseudonym"
          label={t('recover.pseudonym')}
          value={pseudonym}
          onChange={setPseudonym}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={message('pseudonym')}
        />
        <TextField
          id="recover-code"
          label={t('recover.code')}
          hint={t('recover.code.hint')}
          value={code}
          onChange={setCode}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          className="field--code"
          error={message('code')}
        />
        <NewPasswordFields
          ids={{ password: 'recover-password', repeat: 'recover-password2', strength: 'recover-strength' }}
          label={t('recover.newPassword')}
          password={password}
          repeat={password2}
          onPassword={setPassword}
          onRepeat={setPassword2}
          name={pseudonym}
          errors={{ password: message('password'), repeat: message('password2') }}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('recover.submit')}</SubmitButton>
        </div>
      </form>
    </Page>
  );
}
