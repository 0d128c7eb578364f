import { useState, type FormEvent, type ReactNode } from 'react';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { PasswordField, SubmitButton, focusFirstInvalid } from '../../common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { withNext } from '../returnTo';

/**
 * Shows its children to a logged-in help seeker whose keys are unlocked. Otherwise it
 * offers what is missing: registering or logging in (coming back to `next` afterwards),
 * or the password again after a page reload.
 */
export function SeekerGate({ next, children }: { next: string; children: ReactNode }) {
  const t = useT();
  const { session, unlocked } = useSession();
  if (!session || session.stage !== 'full') return <LoginPrompt next={next} />;
  if (session.account.kind === 'staff') return <Alert variant="info" title={t('account.staffHere')} />;
  if (!unlocked) return <UnlockForm />;
  return <>{children}</>;
}

function LoginPrompt({ next }: { next: string }) {
  const t = useT();
  return (
    <section className="kern-card kern-card--small chat-card" aria-labelledby="chat-login-title">
      <div className="kern-card__container">
        <header className="kern-card__header">
          <h2 className="kern-title" id="chat-login-title">
            {t('chat.login.title')}
          </h2>
        </header>
        <div className="kern-card__body">
          <p className="kern-body">{t('chat.login.text')}</p>
          <p className="kern-body">{t('chat.login.anonymous')}</p>
        </div>
        <div className="kern-card__footer actions">
          <a className="kern-btn kern-btn--primary" href={`#${withNext('/register', next)}`}>
            <span className="kern-label">{t('chat.login.register')}</span>
          </a>
          <a className="kern-btn kern-btn--secondary" href={`#${withNext('/login', next)}`}>
            <span className="kern-label">{t('chat.login.login')}</span>
          </a>
        </div>
      </div>
    </section>
  );
}

/** After a page reload the session survives but the keys do not: the password unwraps them. */
function UnlockForm() {
  const t = useT();
  const { sdk } = useSession();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    if (!password) {
      setMissing(true);
      focusFirstInvalid(['chat-unlock-password']);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await sdk.unlock(password);
      setPassword('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="chat-unlock-title">
      <h2 className="kern-heading-medium" id="chat-unlock-title">
        {t('chat.unlock.title')}
      </h2>
      <p className="kern-body">{t('chat.unlock.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey> error={failure} overrides={{ unwrap: 'chat.unlock.wrong' }} />
        <PasswordField
          id="chat-unlock-password"
          label={t('chat.unlock.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={missing ? t('common.required') : undefined}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('chat.unlock.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
