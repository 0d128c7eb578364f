import { useEffect, useRef, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { SubmitButton, TextField, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useT, type MessageKey } from '../i18n';

interface Setup {
  secret: string;
  otpauthUrl: string;
  qr: string;
}

/** Groups a base32 secret in fours, as authenticator apps show it. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** TOTP enrolment: QR code (a data: URL image, allowed by the CSP), the key by hand, a first code. */
export function MfaSetupPage({ onRecoveryCodes }: { onRecoveryCodes(codes: string[]): void }) {
  const t = useT();
  const { sdk } = useSession();
  const [setup, setSetup] = useState<Setup>();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  // One secret per page visit, even when React runs effects twice in development.
  const started = useRef<Promise<Setup> | undefined>(undefined);

  useEffect(() => {
    let active = true;
    started.current ??= sdk.setupMfa().then(async (result) => ({
      ...result,
      qr: await QRCode.toDataURL(result.otpauthUrl, { margin: 2, width: 224, errorCorrectionLevel: 'M' }),
    }));
    started.current.then(
      (result) => active && setSetup(result),
      (error: unknown) => active && setFailure(error),
    );
    return () => {
      active = false;
    };
  }, [sdk]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setInvalid(true);
      focusFirstInvalid(['mfa-setup-code']);
      return;
    }
    setInvalid(false);
    setBusy(true);
    try {
      const result = await sdk.enableMfa(digits);
      onRecoveryCodes(result.recoveryCodes);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Page title={t('mfaSetup.title')} siteName={t('app.name')}>
      <div className="stack">
        <p className="kern-body">{t('mfaSetup.intro')}</p>
        {!setup && !failure && (
          <p className="kern-body" role="status">
            {t('mfaSetup.loading')}
          </p>
        )}
        {setup && (
          <>
            <div>
              <p className="kern-body">{t('mfaSetup.step1')}</p>
              <img className="qr" src={setup.qr} alt={t('mfaSetup.qrAlt')} width={224} height={224} />
            </div>
            <div>
              <p className="kern-body">{t('mfaSetup.step2')}</p>
              <p className="secret" data-testid="totp-secret">
                {groupSecret(setup.secret)}
              </p>
              <a className="kern-link" href={setup.otpauthUrl}>
                {t('mfaSetup.link')}
              </a>
            </div>
          </>
        )}
      </div>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <p className="kern-body">{t('mfaSetup.step3')}</p>
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{ 401: 'mfaSetup.wrong', 422: 'mfaSetup.wrong', 400: 'mfaSetup.wrong' }}
        />
        <TextField
          id="mfa-setup-code"
          label={t('mfaSetup.code')}
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          required
          className="field--short"
          error={invalid ? t('mfaSetup.code.invalid') : undefined}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('mfaSetup.submit')}</SubmitButton>
        </div>
      </form>
    </Page>
  );
}
