import { LoginForm } from '../common/ui/LoginForm';
import { Page } from '../common/ui/Layout';
import { currentPath, navigate, splitPath } from '../common/router';
import { useT, type MessageKey } from '../i18n';
import { nextPath, withNext } from './returnTo';

export function LoginPage() {
  const t = useT();
  // Coming from "Online-Beratung starten": continue there after logging in.
  const next = nextPath(splitPath(currentPath()).search);
  return (
    <Page title={t('login.title')} siteName={t('app.name')}>
      <LoginForm<MessageKey>
        login={{ id: 'login-pseudonym', label: t('login.pseudonym') }}
        passwordLabel={t('login.password')}
        submitLabel={t('login.submit')}
        wrongKey="login.wrong"
        otherKind="staff"
        otherKindMessage={t('login.staff')}
        onLoggedIn={() => navigate(next ?? '/account')}
        actions={
          <a className="kern-link" href="#/recover">
            {t('login.forgot')}
          </a>
        }
      />
      <p className="kern-body section">
        {t('login.noAccount')}{' '}
        <a className="kern-link" href={`#${withNext('/register', next)}`}>
          {t('nav.register')}
        </a>
      </p>
    </Page>
  );
}
