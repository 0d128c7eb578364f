import { useState } from 'react';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { useFlash } from '@common/ui/Flash';
import { Page } from '@common/ui/Layout';
import { useT } from '../i18n';

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
          </dd>
        </div>
      </dl>
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
