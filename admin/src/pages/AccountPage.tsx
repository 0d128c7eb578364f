import { useState, type FormEvent } from 'react';
import type { AccountView } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { useFlash } from '@common/ui/Flash';
import { SubmitButton, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { SecondFactorCodeField } from '../SecondFactorCodeField';
import { useT, type MessageKey } from '../i18n';

export function AccountPage() {
  const t = useT();
  const { sdk, session } = useSession();
  const flash = useFlash();
  const [busy, setBusy] = useState<'one' | 'all'>();
  const [failure, setFailure] = useState<unknown>();
  if (!session) return null;
  const account = session.account;

  async function logout(everywhere: boolean) {
    if (busy) return;
    setBusy(everywhere ? 'all' : 'one');
    setFailure(undefined);
    try {
      await (everywhere ? sdk.logoutEverywhere() : sdk.logout());
      flash.go('/login', { variant: 'info', title: t('account.loggedOut') });
    } catch (error) {
      setFailure(error);
      setBusy(undefined);
    }
  }

  return (
    <Page title={t('account.title')} siteName={t('app.name')}>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('account.name')}</dt>
          <dd className="kern-description-list-item__value">{account.displayName}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('account.email')}</dt>
          <dd className="kern-description-list-item__value">{account.email ?? '–'}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('account.memberships')}</dt>
          <dd className="kern-description-list-item__value">
            <ul className="plain-list">
              {account.memberships.map((m) => (
                <li key={m.centerId}>
                  {m.centerName} ({t(`role.${m.role}`)})
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('account.mfa')}</dt>
          <dd className="kern-description-list-item__value">
            {t(account.mfaEnabled ? 'team.mfa.on' : 'team.mfa.off')}
            {account.mfaRequired && <span className="muted"> – {t('account.mfaMandatory')}</span>}
          </dd>
        </div>
      </dl>
      <MfaOffSection account={account} />
      <section className="section" aria-labelledby="logout-title">
        <h2 className="kern-heading-medium" id="logout-title">
          {t('account.logoutTitle')}
        </h2>
        <ErrorAlert error={failure} />
        <div className="actions">
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void logout(false)}>
            <span className="kern-label">{busy === 'one' ? t('common.busy') : t('account.logout')}</span>
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() => void logout(true)}
            aria-describedby="logout-all-hint"
          >
            <span className="kern-label">
              {busy === 'all' ? t('common.busy') : t('account.logoutEverywhere')}
            </span>
          </button>
        </div>
        <p className="kern-hint" id="logout-all-hint">
          {t('account.logoutEverywhere.hint')}
        </p>
      </section>
    </Page>
  );
}

/** Where the second factor is not mandatory, its owner may switch it off with a current code. */
function MfaOffSection({ account }: { account: AccountView }) {
  const t = useT();
  const { sdk } = useSession();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);

  if (done) return <Alert variant="success" title={t('account.mfaOffDone')} live />;
  if (!account.mfaEnabled || account.mfaRequired) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    if (!code.trim()) {
      setMissing(true);
      focusFirstInvalid(['mfa-off-code']);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await sdk.disableMfa(code.replace(/\s+/g, ''));
      setDone(true);
      // The session view still says "enabled": fetch it again.
      await sdk.currentSession();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="mfa-off-title">
      <h2 className="kern-heading-medium" id="mfa-off-title">
        {t('account.mfaOffTitle')}
      </h2>
      <p className="kern-body">{t('account.mfaOffIntro')}</p>
      <form className="form form--narrow" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{
            422: 'account.mfaOffWrong',
            400: 'account.mfaOffWrong',
            MFA_MANDATORY: 'account.mfaOffMandatory',
          }}
        />
        <SecondFactorCodeField
          id="mfa-off-code"
          label={t('account.mfaOffCode')}
          hint={t('account.mfaOffCode.hint')}
          value={code}
          onChange={setCode}
          missing={missing}
        />
        <div className="actions">
          <SubmitButton busy={busy} variant="secondary">
            {t('account.mfaOffSubmit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
