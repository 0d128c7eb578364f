import { useState, type FormEvent } from 'react';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { SubmitButton, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { SecondFactorCodeField } from '../SecondFactorCodeField';
import { useT, type MessageKey } from '../i18n';

/** Step two of the login: a TOTP code or one of the recovery codes. */
export function MfaVerifyPage() {
  const t = useT();
  const { sdk } = useSession();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    if (!code.trim()) {
      setMissing(true);
      focusFirstInvalid(['mfa-code']);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await sdk.verifyMfa(code.replace(/\s+/g, ''));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Page title={t('mfa.title')} siteName={t('app.name')}>
      <p className="kern-body">{t('mfa.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{ 401: 'mfa.wrong', 422: 'mfa.wrong', 400: 'mfa.wrong' }}
        />
        <SecondFactorCodeField
          id="mfa-code"
          label={t('mfa.code')}
          hint={t('mfa.code.hint')}
          value={code}
          onChange={setCode}
          missing={missing}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('mfa.submit')}</SubmitButton>
          <button
            type="button"
            className="kern-btn kern-btn--tertiary"
            onClick={() => void sdk.logout().catch(() => undefined)}
          >
            <span className="kern-label">{t('mfa.cancel')}</span>
          </button>
        </div>
      </form>
    </Page>
  );
}
