import { useSession } from './common/sdk/session';
import { useHashPath } from './common/router';
import { Shell, Page, type NavItem } from './common/ui/Layout';
import { useT } from './i18n';
import { StartPage } from './pages/StartPage';
import { RegisterPage } from './pages/RegisterPage';
import { LoginPage } from './pages/LoginPage';
import { RecoverPage } from './pages/RecoverPage';
import { AccountPage } from './pages/AccountPage';

const ROUTES: Record<string, () => React.JSX.Element> = {
  '/': StartPage,
  '/register': RegisterPage,
  '/login': LoginPage,
  '/recover': RecoverPage,
  '/account': AccountPage,
};

export function App() {
  const t = useT();
  const path = useHashPath();
  const { session } = useSession();
  const loggedIn = session?.stage === 'full';

  const item = (href: string, label: string): NavItem => ({
    href: `#${href}`,
    label,
    current: path === href,
  });
  const nav = loggedIn
    ? [item('/', t('nav.start')), item('/account', t('nav.account'))]
    : [item('/', t('nav.start')), item('/register', t('nav.register')), item('/login', t('nav.login'))];

  const Route = ROUTES[path];
  return (
    <Shell
      brand={t('app.name')}
      tagline={t('app.tagline')}
      nav={nav}
      footer={<p className="kern-body kern-body--small">{t('app.footer')}</p>}
    >
      {session === undefined ? (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      ) : Route ? (
        <Route key={path} />
      ) : (
        <Page title={t('notFound.title')} siteName={t('app.name')}>
          <p className="kern-body">
            {t('notFound.text')}{' '}
            <a className="kern-link" href="#/">
              {t('notFound.back')}
            </a>
          </p>
        </Page>
      )}
    </Shell>
  );
}
