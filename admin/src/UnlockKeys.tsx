import { useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { PasswordField, SubmitButton, focusFirstInvalid } from '@common/ui/Form';
import { useT, type MessageKey } from './i18n';

/**
 * Shows its children once the private keys are unwrapped in the SDK worker. After a page
 * reload the session survives but the keys do not: the password unwraps them again.
 */
export function UnlockKeys({ children }: { children: ReactNode }) {
  const t = useT();
  const { sdk, unlocked } = useSession();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  if (unlocked) return <>{children}</>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    if (!password) {
      setMissing(true);
      focusFirstInvalid(['unlock-password']);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await sdk.unlock(password);
      setPassword('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="unlock-title">
      <h2 className="kern-heading-medium" id="unlock-title">
        {t('unlock.title')}
      </h2>
      <p className="kern-body">{t('unlock.intro')}</p>
      <form className="form form--narrow" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey> error={failure} overrides={{ unwrap: 'unlock.wrong', 401: 'unlock.wrong' }} />
        <PasswordField
          id="unlock-password"
          label={t('unlock.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={missing ? t('common.required') : undefined}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('unlock.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
