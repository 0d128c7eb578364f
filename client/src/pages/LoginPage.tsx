import { LoginForm } from '../common/ui/LoginForm';
import { Page } from '../common/ui/Layout';
import { navigate } from '../common/router';
import { useT, type MessageKey } from '../i18n';

export function LoginPage() {
  const t = useT();
  return (
    <Page title={t('login.title')} siteName={t('app.name')}>
      <LoginForm<MessageKey>
        login={{ id: 'login-pseudonym', label: t('login.pseudonym') }}
        passwordLabel={t('login.password')}
        submitLabel={t('login.submit')}
        wrongKey="login.wrong"
        otherKind="staff"
        otherKindMessage={t('login.staff')}
        onLoggedIn={() => navigate('/account')}
        actions={
          <a className="kern-link" href="#/recover">
            {t('login.forgot')}
          </a>
        }
      />
      <p className="kern-body section">
        {t('login.noAccount')}{' '}
        <a className="kern-link" href="#/register">
          {t('nav.register')}
        </a>
      </p>
    </Page>
  );
}
