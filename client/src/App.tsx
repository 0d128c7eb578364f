import { useSession } from './common/sdk/session';
import { matchPath, splitPath, useHashPath } from './common/router';
import { Shell, Page, type NavItem } from './common/ui/Layout';
import { useT } from './i18n';
import { StartPage } from './pages/StartPage';
import { RegisterPage } from './pages/RegisterPage';
import { LoginPage } from './pages/LoginPage';
import { RecoverPage } from './pages/RecoverPage';
import { AccountPage } from './pages/AccountPage';
import { FinderPage } from './pages/finder/FinderPage';
import { CenterPage } from './pages/finder/CenterPage';
import { BookingPage } from './pages/booking/BookingPage';
import { ManagePage } from './pages/booking/ManagePage';
import { useChat } from './pages/chat/ChatProvider';
import { ConversationPage } from './pages/chat/ConversationPage';
import { ConversationsPage } from './pages/chat/ConversationsPage';
import { StartInquiryPage } from './pages/chat/StartInquiryPage';

const ROUTES: Record<string, () => React.JSX.Element> = {
  '/': StartPage,
  '/register': RegisterPage,
  '/login': LoginPage,
  '/recover': RecoverPage,
  '/account': AccountPage,
  '/finder': FinderPage,
  '/beratung/neu': () => <StartInquiryPage />,
  '/beratungen': ConversationsPage,
};

export function App() {
  const t = useT();
  // The query (`#/finder?near=…`) belongs to the page, not to the route.
  const { pathname: path } = splitPath(useHashPath());
  const { session } = useSession();
  const { unreadTotal } = useChat();
  const loggedIn = session?.stage === 'full';

  const item = (href: string, label: string): NavItem => ({
    href: `#${href}`,
    label,
    current: path === href || path.startsWith(`${href}/`),
  });
  const finder = item('/finder', t('nav.finder'));
  const chats = item(
    '/beratungen',
    unreadTotal > 0 ? t('nav.chatsUnread', { count: unreadTotal }) : t('nav.chats'),
  );
  const nav = loggedIn
    ? [item('/', t('nav.start')), finder, chats, item('/account', t('nav.account'))]
    : [
        item('/', t('nav.start')),
        finder,
        item('/register', t('nav.register')),
        item('/login', t('nav.login')),
      ];

  const center = matchPath('/finder/:centerId', path);
  const booking = matchPath('/finder/:centerId/termin', path);
  const manage = matchPath('/termin/:code/:token', path);
  const inquiry = matchPath('/finder/:centerId/beratung', path);
  const conversation = matchPath('/beratungen/:conversationId', path);
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
      ) : booking ? (
        <BookingPage key={path} centerId={booking.centerId!} />
      ) : inquiry ? (
        <StartInquiryPage key={path} centerId={inquiry.centerId!} />
      ) : conversation ? (
        <ConversationPage key={path} conversationId={conversation.conversationId!} />
      ) : manage ? (
        <ManagePage key={path} code={manage.code!} token={manage.token!} />
      ) : center ? (
        <CenterPage key={path} centerId={center.centerId!} />
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
