import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, emailSchema, type StaffMember } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { ConfirmDialog } from '@common/ui/ConfirmDialog';
import { FlashMessageView } from '@common/ui/Flash';
import { SelectField, SubmitButton, TextField, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { TableHead } from '@common/ui/TableHead';
import { useCenter, type Membership } from '../center';
import { formatDateTime } from '../format';
import { useT, type MessageKey } from '../i18n';

type Role = StaffMember['role'];

export function TeamPage() {
  const t = useT();
  const { current } = useCenter();
  return (
    <Page title={t('team.title')} siteName={t('app.name')}>
      <FlashMessageView path="/team" />
      {current ? (
        <Team key={current.centerId} center={current} />
      ) : (
        <p className="kern-body">{t('center.none')}</p>
      )}
    </Page>
  );
}

function Team({ center }: { center: Membership }) {
  const t = useT();
  const { sdk, session } = useSession();
  const [staff, setStaff] = useState<StaffMember[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [removing, setRemoving] = useState<StaffMember>();
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const isAdmin = center.role === 'center_admin';

  const load = useCallback(() => {
    sdk.staff(center.centerId).then(
      (list) => {
        setStaff(list);
        setLoadError(undefined);
      },
      (error: unknown) => setLoadError(error),
    );
  }, [sdk, center.centerId]);

  useEffect(load, [load]);

  async function remove() {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(undefined);
    try {
      await sdk.removeStaff(center.centerId, removing.accountId);
      setNotice(t('team.removed', { name: removing.displayName }));
      setRemoving(undefined);
      load();
    } catch (error) {
      setRemoveError(error);
    } finally {
      setRemoveBusy(false);
    }
  }

  const forbidden = loadError instanceof ApiError && loadError.status === 403;
  return (
    <div className="stack">
      <p className="kern-body">{t('team.intro', { center: center.centerName })}</p>
      {notice && <Alert variant="success" title={notice} live />}
      {forbidden ? <Alert variant="info" title={t('team.onlyAdmins')} /> : <ErrorAlert error={loadError} />}
      {staff === undefined && !loadError && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {staff && staff.length === 0 && <p className="kern-body">{t('team.empty')}</p>}
      {staff && staff.length > 0 && (
        <div className="table-scroll">
          <table className="kern-table kern-table--striped" data-testid="staff-table">
            <TableHead
              columns={[
                t('team.name'),
                t('team.email'),
                t('team.role'),
                t('team.mfa'),
                isAdmin && t('team.actions'),
              ]}
            />
            <tbody className="kern-table__body">
              {staff.map((member) => {
                const self = member.accountId === session?.account.id;
                return (
                  <tr className="kern-table__row" key={member.accountId}>
                    <th className="kern-table__header" scope="row">
                      {member.displayName} {self && <span className="muted">{t('team.you')}</span>}
                    </th>
                    <td className="kern-table__cell">{member.email ?? '–'}</td>
                    <td className="kern-table__cell">{t(`role.${member.role}`)}</td>
                    <td className="kern-table__cell">
                      {t(member.mfaEnabled ? 'team.mfa.on' : 'team.mfa.off')}
                    </td>
                    {isAdmin && (
                      <td className="kern-table__cell kern-table__cell--action">
                        {!self && (
                          <button
                            type="button"
                            className="kern-btn kern-btn--tertiary kern-btn--x-small"
                            onClick={() => {
                              setRemoveError(undefined);
                              setRemoving(member);
                            }}
                          >
                            <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                            <span className="kern-label">
                              {t('team.remove')}
                              <span className="visually-hidden"> ({member.displayName})</span>
                            </span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && <InviteForm centerId={center.centerId} onInvited={load} />}
      <ConfirmDialog
        open={removing !== undefined}
        title={t('team.removeTitle', { name: removing?.displayName ?? '' })}
        confirmLabel={t('team.removeConfirm')}
        busy={removeBusy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(undefined)}
      >
        <ErrorAlert error={removeError} />
        <p className="kern-body">
          {t('team.removeText', { name: removing?.displayName ?? '', center: center.centerName })}
        </p>
      </ConfirmDialog>
    </div>
  );
}

type InviteField = 'email' | 'name';

function InviteForm({ centerId, onInvited }: { centerId: string; onInvited(): void }) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('counselor');
  const [errors, setErrors] = useState<Partial<Record<InviteField, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [sent, setSent] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const found: Partial<Record<InviteField, MessageKey>> = {
      email: emailSchema.safeParse(email).success ? undefined : 'team.inviteEmail.invalid',
      name: trimmed.length >= 2 && trimmed.length <= 80 ? undefined : 'team.inviteName.invalid',
    };
    setErrors(found);
    setFailure(undefined);
    setSent(undefined);
    if (found.email || found.name) {
      focusFirstInvalid([found.email && 'invite-email', found.name && 'invite-name']);
      return;
    }
    setBusy(true);
    try {
      const result = await sdk.invite(centerId, { email: email.trim(), displayName: trimmed, role });
      setSent(t('team.invited', { email: email.trim(), date: formatDateTime(result.expiresAt, locale) }));
      setEmail('');
      setName('');
      setRole('counselor');
      onInvited();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="invite-title">
      <h2 className="kern-heading-medium" id="invite-title">
        {t('team.inviteTitle')}
      </h2>
      <p className="kern-body">{t('team.inviteIntro')}</p>
      <form className="form form--narrow" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorAlert<MessageKey> error={failure} overrides={{ 409: 'team.inviteConflict' }} />
        {sent && <Alert variant="success" title={sent} live />}
        <TextField
          id="invite-email"
          type="email"
          label={t('team.inviteEmail')}
          value={email}
          onChange={setEmail}
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          required
          error={errors.email ? t(errors.email) : undefined}
        />
        <TextField
          id="invite-name"
          label={t('team.inviteName')}
          hint={t('team.inviteName.hint')}
          value={name}
          onChange={setName}
          autoComplete="off"
          maxLength={80}
          required
          error={errors.name ? t(errors.name) : undefined}
        />
        <SelectField<Role>
          id="invite-role"
          label={t('team.inviteRole')}
          value={role}
          onChange={setRole}
          options={[
            { value: 'counselor', label: t('role.counselor') },
            { value: 'center_admin', label: t('role.center_admin') },
          ]}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('team.inviteSubmit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
