import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, type CenterKeyStatus } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { Checkbox, SubmitButton } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useCenter, type Membership } from '../center';
import { UnlockKeys } from '../UnlockKeys';
import { useT, type MessageKey } from '../i18n';

/** Center admins: the center's team key and its second-factor policy. */
export function SecurityPage() {
  const t = useT();
  const { current } = useCenter();
  let content;
  if (!current) content = <p className="kern-body">{t('center.none')}</p>;
  else if (current.role !== 'center_admin') content = <Alert variant="info" title={t('error.forbidden')} />;
  else
    content = (
      <div className="stack" key={current.centerId}>
        <TeamKeySection center={current} />
        <MfaPolicySection center={current} />
      </div>
    );
  return (
    <Page title={t('security.title')} siteName={t('app.name')}>
      {content}
    </Page>
  );
}

function TeamKeySection({ center }: { center: Membership }) {
  const t = useT();
  return (
    <section className="section" aria-labelledby="team-key-title">
      <h2 className="kern-heading-medium" id="team-key-title">
        {t('security.teamKeyTitle')}
      </h2>
      <p className="kern-body">{t('security.teamKeyIntro', { center: center.centerName })}</p>
      <UnlockKeys>
        <TeamKey center={center} />
      </UnlockKeys>
    </section>
  );
}

function TeamKey({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const [status, setStatus] = useState<CenterKeyStatus>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [published, setPublished] = useState<number>();
  const [ownFingerprint, setOwnFingerprint] = useState<string>();

  const load = useCallback(() => {
    sdk.centerKeyStatus(center.centerId).then(
      (value) => {
        setStatus(value);
        setLoadError(undefined);
      },
      (error: unknown) => setLoadError(error),
    );
  }, [sdk, center.centerId]);

  useEffect(load, [load]);

  async function publish() {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    setPublished(undefined);
    try {
      const result = await sdk.publishTeamKey(center.centerId);
      setPublished(result.epoch);
      load();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError && error.code === 'NOT_CERTIFIED') {
        setOwnFingerprint(await sdk.ownKeyFingerprint().catch(() => undefined));
      }
    } finally {
      setBusy(false);
    }
  }

  const notCertified = failure instanceof ApiError && failure.code === 'NOT_CERTIFIED';
  const exists = status !== undefined && !status.none;
  return (
    <div className="stack">
      <ErrorAlert error={loadError} />
      {status === undefined && !loadError && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {status?.none && <p className="kern-body">{t('security.none', { center: center.centerName })}</p>}
      {status && !status.none && (
        <dl className="kern-description-list" data-testid="team-key-status">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t('security.epoch')}</dt>
            <dd className="kern-description-list-item__value" data-testid="team-key-epoch">
              {status.epoch}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t('security.members')}</dt>
            <dd className="kern-description-list-item__value" data-testid="team-key-members">
              {status.members}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t('security.fingerprint')}</dt>
            <dd className="kern-description-list-item__value">
              <span className="fingerprint">{status.fingerprint}</span>
            </dd>
          </div>
        </dl>
      )}
      {published !== undefined && (
        <Alert variant="success" title={t('security.published', { epoch: published })} live />
      )}
      {notCertified ? (
        <Alert variant="warning" title={t('security.notCertifiedTitle')} live>
          <p className="kern-body">{t('security.notCertified')}</p>
          {ownFingerprint && (
            <p className="kern-body">
              <span className="fingerprint" data-testid="own-fingerprint">
                {ownFingerprint}
              </span>
            </p>
          )}
        </Alert>
      ) : (
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{
            STALE_KEY_EPOCH: 'security.stale',
            MEMBER_KEYS_INVALID: 'security.memberKeysInvalid',
          }}
        />
      )}
      <p className="kern-hint" id="team-key-hint">
        {t('security.renewHint')}
      </p>
      {status !== undefined && (
        <div className="actions">
          <button
            type="button"
            className="kern-btn kern-btn--primary"
            aria-describedby="team-key-hint"
            aria-disabled={busy || undefined}
            onClick={() => void publish()}
          >
            {busy && <span className="spinner" aria-hidden="true" />}
            <span className="kern-label">
              {busy ? t('common.busy') : t(exists ? 'security.renew' : 'security.create')}
            </span>
          </button>
        </div>
      )}
    </div>
  );
}

function MfaPolicySection({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const [required, setRequired] = useState<boolean>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let active = true;
    sdk.centerSettings(center.centerId).then(
      (settings) => active && setRequired(settings.counselorMfaRequired),
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || required === undefined) return;
    setBusy(true);
    setFailure(undefined);
    setSaved(false);
    try {
      const settings = await sdk.updateCenterSettings(center.centerId, { counselorMfaRequired: required });
      setRequired(settings.counselorMfaRequired);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="mfa-policy-title">
      <h2 className="kern-heading-medium" id="mfa-policy-title">
        {t('security.mfaTitle')}
      </h2>
      <ErrorAlert error={loadError} />
      {required === undefined && !loadError && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {required !== undefined && (
        <form className="form form--narrow" onSubmit={submit} noValidate aria-busy={busy}>
          <ErrorAlert error={failure} />
          {saved && <Alert variant="success" title={t('security.saved')} live />}
          <Checkbox
            id="counselor-mfa-required"
            label={t('security.mfaRequired')}
            hint={t('security.mfaRequired.hint')}
            checked={required}
            onChange={(value) => {
              setRequired(value);
              setSaved(false);
            }}
          />
          <div className="actions">
            <SubmitButton busy={busy} variant="secondary">
              {t('security.save')}
            </SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}
