import { LoginForm } from '@common/ui/LoginForm';
import { Page } from '@common/ui/Layout';
import { useT, type MessageKey } from '../i18n';

/** Step one: email and password. The second factor follows (App picks the step by session stage). */
export function LoginPage() {
  const t = useT();
  return (
    <Page title={t('login.title')} siteName={t('app.name')}>
      <LoginForm<MessageKey>
        login={{ id: 'login-email', label: t('login.email'), email: true }}
        passwordLabel={t('login.password')}
        submitLabel={t('login.submit')}
        wrongKey="login.wrong"
        otherKind="seeker"
        otherKindMessage={t('login.seeker')}
        intro={<p className="kern-body">{t('login.intro')}</p>}
      />
    </Page>
  );
}
