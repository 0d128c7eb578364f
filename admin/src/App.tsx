import { useEffect, useState } from 'react';
import { useSession } from '@common/sdk/session';
import { matchPath, navigate, useHashPath } from '@common/router';
import { useFlash } from '@common/ui/Flash';
import { Page, Shell, type NavItem } from '@common/ui/Layout';
import { useCenter } from './center';
import { useT } from './i18n';
import { CenterSwitch } from './CenterSwitch';
import { LoginPage } from './pages/LoginPage';
import { MfaVerifyPage } from './pages/MfaVerifyPage';
import { MfaSetupPage } from './pages/MfaSetupPage';
import { RecoveryCodesPage } from './pages/RecoveryCodesPage';
import { InvitePage } from './pages/InvitePage';
import { TeamPage } from './pages/TeamPage';
import { AuditPage } from './pages/AuditPage';
import { AccountPage } from './pages/AccountPage';
import { CertificationsPage } from './pages/CertificationsPage';
import { SecurityPage } from './pages/SecurityPage';
import { ProfilePage } from './pages/ProfilePage';
import { RoomsPage } from './pages/resources/RoomsPage';
import { ServicesPage } from './pages/resources/ServicesPage';
import { AvailabilityPage } from './pages/resources/AvailabilityPage';
import { AbsencesPage } from './pages/resources/AbsencesPage';
import { AppointmentConflictsPage, AppointmentsPage, BulkCancelPage } from './pages/AppointmentsPage';
import { ChatConnectionProvider } from './pages/chat/ChatConnection';
import { InquiriesPage } from './pages/chat/InquiriesPage';
import { ArchivePage, ConsultationsPage } from './pages/chat/ConsultationsPage';
import { ConversationPage } from './pages/chat/ConversationPage';
import { ChatSettingsPage } from './pages/chat/ChatSettingsPage';
import {
  CHAT_SETTINGS_PATH,
  CONSULTATION_PATHS,
  CONVERSATION_PATTERN,
  INQUIRIES_PATH,
} from './pages/chat/paths';

const PAGES: Record<string, () => React.JSX.Element | null> = {
  '/team': TeamPage,
  '/audit': AuditPage,
  '/security': SecurityPage,
  '/profile': ProfilePage,
  '/rooms': RoomsPage,
  '/services': ServicesPage,
  '/availability': AvailabilityPage,
  '/absences': AbsencesPage,
  '/appointments': AppointmentsPage,
  '/appointments/conflicts': AppointmentConflictsPage,
  '/appointments/bulk-cancel': BulkCancelPage,
  '/certifications': CertificationsPage,
  [INQUIRIES_PATH]: InquiriesPage,
  [CONSULTATION_PATHS.active]: ConsultationsPage,
  [CONSULTATION_PATHS.archived]: ArchivePage,
  [CHAT_SETTINGS_PATH]: ChatSettingsPage,
  '/account': AccountPage,
};

export function App() {
  const t = useT();
  const path = useHashPath();
  const { session } = useSession();
  const { current } = useCenter();
  const flash = useFlash();
  // Recovery codes of a just-finished TOTP setup: shown once, before anything else.
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const full = session?.stage === 'full';
  const invite = matchPath('/invite/:token', path);

  // Counselors start where their work is (Erstanfragen); admins at the team.
  const home = current?.role === 'counselor' ? INQUIRIES_PATH : '/team';
  useEffect(() => {
    if (full && !recoveryCodes && (path === '/' || path === '/login')) navigate(home, { replace: true });
  }, [full, path, recoveryCodes, home]);

  const item = (href: string, label: string): NavItem => ({
    href: `#${href}`,
    label,
    // Sub-pages (e.g. /appointments/conflicts) keep their section marked.
    current: path === href || path.startsWith(`${href}/`),
  });
  const nav = full
    ? [
        // The chat is every member's (counselors and admins alike): Erstanfragen, Meine Beratungen,
        // Chat-Einstellungen (the own absence; the center's settings, changed by its admins).
        ...(current
          ? [
              item(INQUIRIES_PATH, t('nav.inquiries')),
              item(CONSULTATION_PATHS.active, t('nav.consultations')),
              item(CHAT_SETTINGS_PATH, t('nav.chatSettings')),
            ]
          : []),
        item('/team', t('nav.team')),
        // Admins see all of the center's appointments, counselors their own.
        ...(current ? [item('/appointments', t('nav.appointments'))] : []),
        ...(current?.role === 'center_admin'
          ? [
              item('/profile', t('nav.profile')),
              item('/services', t('nav.services')),
              item('/availability', t('nav.availability')),
              item('/absences', t('nav.absences')),
              item('/rooms', t('nav.rooms')),
              item('/security', t('nav.security')),
              item('/audit', t('nav.audit')),
            ]
          : []),
        ...(session.account.isPlatformAdmin ? [item('/certifications', t('nav.certifications'))] : []),
        item('/account', t('nav.account')),
      ]
    : [];

  let content: React.JSX.Element;
  if (session === undefined) {
    content = (
      <p className="kern-body" role="status">
        {t('common.loading')}
      </p>
    );
  } else if (recoveryCodes) {
    content = (
      <RecoveryCodesPage
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(undefined);
          flash.go('/team', { variant: 'success', title: t('common.successTitle') });
        }}
      />
    );
  } else if (session?.stage === 'mfa_pending') {
    content = <MfaVerifyPage />;
  } else if (session?.stage === 'mfa_setup') {
    content = <MfaSetupPage onRecoveryCodes={setRecoveryCodes} />;
  } else if (invite?.token) {
    content = <InvitePage key={invite.token} token={invite.token} />;
  } else if (!full) {
    content = <LoginPage />;
  } else {
    const Route = PAGES[path];
    const conversation = matchPath(CONVERSATION_PATTERN, path);
    content = Route ? (
      <Route key={path} />
    ) : conversation?.conversationId ? (
      <ConversationPage key={path} conversationId={conversation.conversationId} />
    ) : path === '/' || path === '/login' ? (
      <></>
    ) : (
      <Page title={t('notFound.title')} siteName={t('app.name')}>
        <p className="kern-body">
          {t('notFound.text')}{' '}
          <a className="kern-link" href="#/team">
            {t('notFound.back')}
          </a>
        </p>
      </Page>
    );
  }

  return (
    <ChatConnectionProvider>
      <Shell
        brand={t('app.name')}
        tagline={t('app.tagline')}
        nav={nav}
        tools={full ? <CenterSwitch /> : undefined}
        footer={<p className="kern-body kern-body--small">{t('app.footer')}</p>}
      >
        {content}
      </Shell>
    </ChatConnectionProvider>
  );
}
