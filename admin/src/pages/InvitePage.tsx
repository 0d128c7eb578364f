import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type InviteView } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { useFlash } from '@common/ui/Flash';
import { SubmitButton, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { NewPasswordFields, newPasswordProblems } from '@common/ui/NewPasswordFields';
import { useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../format';

type Field = 'password' | 'password2';

/** `#/invite/<token>`: the token stays in the URL fragment, so it never reaches a server log. */
export function InvitePage({ token }: { token: string }) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const flash = useFlash();
  const [invite, setInvite] = useState<InviteView | null>();
  const [loadError, setLoadError] = useState<unknown>();
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    let active = true;
    sdk.getInvite(token).then(
      (result) => active && setInvite(result),
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 410)) setInvite(null);
        else setLoadError(error);
      },
    );
    return () => {
      active = false;
    };
  }, [sdk, token]);

  const name = invite?.email.split('@')[0];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !invite) return;
    const passwords = newPasswordProblems(password, password2, name);
    const found: Partial<Record<Field, MessageKey>> = {
      password: passwords.password,
      password2: passwords.repeat,
    };
    setErrors(found);
    setFailure(undefined);
    const invalid = (Object.keys(found) as Field[]).filter((field) => found[field]);
    if (invalid.length > 0) {
      focusFirstInvalid(invalid.map((field) => `invite-${field}`));
      return;
    }
    setBusy(true);
    try {
      const session = await sdk.acceptInvite(token, password, locale);
      // With a required second factor the app shows its setup next; otherwise straight in.
      if (session.stage === 'full') {
        flash.go('/team', { variant: 'success', title: t('invite.done') });
      }
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  const message = (field: Field) => (errors[field] ? t(errors[field]) : undefined);

  return (
    <Page title={t('invite.title')} siteName={t('app.name')}>
      {invite === undefined && !loadError && (
        <p className="kern-body" role="status">
          {t('invite.loading')}
        </p>
      )}
      <ErrorAlert error={loadError} />
      {invite === null && <Alert variant="danger" title={t('invite.invalid')} live />}
      {invite && (
        <>
          <div className="stack">
            <p className="kern-body">{t('invite.intro')}</p>
            <dl className="kern-description-list">
              <Item label={t('invite.center')} value={invite.centerName} testId="invite-center" />
              <Item label={t('invite.role')} value={t(`role.${invite.role}`)} />
              <Item label={t('invite.name')} value={invite.displayName} />
              <Item label={t('invite.email')} value={invite.email} testId="invite-email" />
              <Item label={t('invite.expires')} value={formatDateTime(invite.expiresAt, locale)} />
            </dl>
          </div>
          <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
            <ErrorAlert<MessageKey>
              error={failure}
              overrides={{ 404: 'invite.invalid', 410: 'invite.invalid' }}
            />
            {/* Lets password managers store the login with the right user name. */}
            <input
              type="email"
              className="visually-hidden"
              autoComplete="username"
              value={invite.email}
              readOnly
              tabIndex={-1}
              aria-hidden="true"
            />
            <NewPasswordFields
              ids={{ password: 'invite-password', repeat: 'invite-password2', strength: 'invite-strength' }}
              label={t('invite.password')}
              hint={t('invite.password.hint')}
              password={password}
              repeat={password2}
              onPassword={setPassword}
              onRepeat={setPassword2}
              name={name}
              errors={{ password: message('password'), repeat: message('password2') }}
            />
            {busy && (
              <p className="kern-body muted" role="status">
                {t('invite.working')}
              </p>
            )}
            <div className="actions">
              <SubmitButton busy={busy}>{t('invite.submit')}</SubmitButton>
            </div>
          </form>
        </>
      )}
    </Page>
  );
}

function Item({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
