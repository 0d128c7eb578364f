import { useState, type FormEvent } from 'react';
import { useSession } from '../common/sdk/session';
import { Alert, ErrorAlert } from '../common/ui/Alert';
import { FlashMessageView, useFlash } from '../common/ui/Flash';
import { Checkbox, PasswordField, SubmitButton, focusFirstInvalid } from '../common/ui/Form';
import { Page } from '../common/ui/Layout';
import { NewPasswordFields, newPasswordProblems } from '../common/ui/NewPasswordFields';
import { useT, type MessageKey } from '../i18n';

export function AccountPage() {
  const t = useT();
  const { session } = useSession();

  if (!session || session.stage !== 'full') {
    return (
      <Page title={t('account.title')} siteName={t('app.name')}>
        <p className="kern-body">
          {t('account.needLogin')}{' '}
          <a className="kern-link" href="#/login">
            {t('nav.login')}
          </a>
        </p>
      </Page>
    );
  }
  const account = session.account;
  return (
    <Page title={t('account.title')} siteName={t('app.name')}>
      <div className="stack">
        <FlashMessageView path="/account" />
        {account.kind === 'staff' && <Alert variant="info" title={t('account.staffHere')} />}
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t('account.pseudonym')}</dt>
            <dd className="kern-description-list-item__value" data-testid="account-pseudonym">
              {account.displayName}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t('account.email')}</dt>
            <dd className="kern-description-list-item__value">{account.email ?? t('account.noEmail')}</dd>
          </div>
        </dl>
      </div>
      <LogoutSection />
      <ChangePasswordSection name={account.displayName} />
      <DeleteAccountSection />
    </Page>
  );
}

function LogoutSection() {
  const t = useT();
  const { sdk } = useSession();
  const flash = useFlash();
  const [busy, setBusy] = useState<'one' | 'all'>();
  const [failure, setFailure] = useState<unknown>();

  async function logout(everywhere: boolean) {
    if (busy) return;
    setBusy(everywhere ? 'all' : 'one');
    setFailure(undefined);
    try {
      await (everywhere ? sdk.logoutEverywhere() : sdk.logout());
      flash.go('/', { variant: 'info', title: t('account.loggedOut') });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="section" aria-labelledby="logout-title">
      <h2 className="kern-heading-medium" id="logout-title">
        {t('account.sessionTitle')}
      </h2>
      <ErrorAlert error={failure} />
      <div className="actions">
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => logout(false)}>
          <span className="kern-label">{busy === 'one' ? t('common.busy') : t('account.logout')}</span>
        </button>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={() => logout(true)}
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
  );
}

type PasswordFieldName = 'current' | 'next' | 'next2';

function ChangePasswordSection({ name }: { name: string }) {
  const t = useT();
  const { sdk, unlocked } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [next2, setNext2] = useState('');
  const [errors, setErrors] = useState<Partial<Record<PasswordFieldName, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const passwords = newPasswordProblems(next, next2, name);
    const found: Partial<Record<PasswordFieldName, MessageKey>> = {
      current: current ? undefined : 'common.required',
      next: passwords.password,
      next2: passwords.repeat,
    };
    setErrors(found);
    setFailure(undefined);
    setDone(false);
    const invalid = (Object.keys(found) as PasswordFieldName[]).filter((field) => found[field]);
    if (invalid.length > 0) {
      focusFirstInvalid(invalid.map((field) => `password-${field}`));
      return;
    }
    setBusy(true);
    try {
      // After a page reload the keys are still wrapped; the current password unwraps them.
      if (!unlocked) await sdk.unlock(current);
      await sdk.changePassword(current, next);
      setCurrent('');
      setNext('');
      setNext2('');
      setDone(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const message = (field: PasswordFieldName) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <section className="section" aria-labelledby="password-title">
      <h2 className="kern-heading-medium" id="password-title">
        {t('account.passwordTitle')}
      </h2>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{
            401: 'account.wrongPassword',
            403: 'account.wrongPassword',
            unwrap: 'account.wrongPassword',
          }}
        />
        {done && <Alert variant="success" title={t('account.passwordChanged')} live />}
        <PasswordField
          id="password-current"
          label={t('account.currentPassword')}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          required
          error={message('current')}
        />
        <NewPasswordFields
          ids={{ password: 'password-next', repeat: 'password-next2', strength: 'password-strength' }}
          label={t('account.newPassword')}
          password={next}
          repeat={next2}
          onPassword={setNext}
          onRepeat={setNext2}
          name={name}
          errors={{ password: message('next'), repeat: message('next2') }}
        />
        <div className="actions">
          <SubmitButton busy={busy} variant="secondary">
            {t('account.changePassword')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}

function DeleteAccountSection() {
  const t = useT();
  const { sdk } = useSession();
  const flash = useFlash();
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<{ password?: MessageKey; confirmed?: MessageKey }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = {
      password: password ? undefined : ('common.required' as const),
      confirmed: confirmed ? undefined : ('account.delete.confirmMissing' as const),
    };
    setErrors(found);
    setFailure(undefined);
    if (found.password || found.confirmed) {
      focusFirstInvalid([found.password && 'delete-password', found.confirmed && 'delete-confirm']);
      return;
    }
    setBusy(true);
    try {
      await sdk.deleteAccount(password);
      flash.go('/', { variant: 'success', title: t('common.successTitle'), text: t('start.deleted') });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="delete-title">
      <h2 className="kern-heading-medium" id="delete-title">
        {t('account.deleteTitle')}
      </h2>
      <p className="kern-body">{t('account.delete.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{ 401: 'account.delete.wrong', 403: 'account.delete.wrong' }}
        />
        <PasswordField
          id="delete-password"
          label={t('account.delete.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={errors.password ? t(errors.password) : undefined}
        />
        <Checkbox
          id="delete-confirm"
          label={t('account.delete.confirm')}
          checked={confirmed}
          onChange={setConfirmed}
          error={errors.confirmed ? t(errors.confirmed) : undefined}
        />
        <div className="actions">
          <SubmitButton busy={busy} variant="danger">
            {t('account.delete.submit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
