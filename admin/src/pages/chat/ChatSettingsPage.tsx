import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type ChatSettings } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { Checkbox, FieldError, SubmitButton, TextField, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useCenter, type Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import {
  DIGEST_MINUTES,
  MAX_ABSENCE_CHARS,
  RETENTION_DAYS,
  absenceChars,
  absenceDraft,
  absenceFromDraft,
  isAbsenceMessageProblem,
  settingsDraft,
  settingsFieldOf,
  settingsFromDraft,
  type AbsenceDraft,
  type SettingsDraft,
  type SettingsField,
} from './settings';
import './chat.css';

/**
 * Chat-Einstellungen: the own absence (every member: it is shown to the help seekers of
 * one's consultations), and the current center's chat settings (its admins change them,
 * counselors see them).
 */
export function ChatSettingsPage() {
  const t = useT();
  const { current } = useCenter();
  return (
    <Page title={t('chat.settings.title')} siteName={t('app.name')}>
      <div className="stack">
        <AbsenceSection />
        {current ? (
          <CenterChatSettings key={current.centerId} center={current} />
        ) : (
          <p className="kern-body">{t('center.none')}</p>
        )}
      </div>
    </Page>
  );
}

const NOTE_ID = 'absence-message';

function AbsenceSection() {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [draft, setDraft] = useState<AbsenceDraft>();
  /** What the server has (the status line shows it, not the unsaved draft). */
  const [stored, setStored] = useState<boolean>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [serverProblem, setServerProblem] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let active = true;
    sdk.chatAbsence().then(
      (absence) => {
        if (!active) return;
        setDraft(absenceDraft(absence));
        setStored(absence.absent);
      },
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [sdk]);

  const chars = draft ? absenceChars(draft.message) : 0;
  const tooLong = Boolean(draft?.absent) && chars > MAX_ABSENCE_CHARS;
  const noteError =
    tooLong || serverProblem ? t('chat.absence.tooLong', { max: MAX_ABSENCE_CHARS }) : undefined;

  const change = (patch: Partial<AbsenceDraft>) => {
    setDraft((d) => d && { ...d, ...patch });
    setSaved(false);
    setServerProblem(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !draft) return;
    setFailure(undefined);
    setSaved(false);
    if (tooLong) {
      focusFirstInvalid([NOTE_ID]);
      return;
    }
    setBusy(true);
    try {
      const absence = await sdk.chatSetAbsence(absenceFromDraft(draft));
      setDraft(absenceDraft(absence));
      setStored(absence.absent);
      setSaved(true);
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.status === 422 &&
        error.details?.some((d) => isAbsenceMessageProblem(d.path))
      ) {
        setServerProblem(true);
        focusFirstInvalid([NOTE_ID]);
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section stack" aria-labelledby="absence-title">
      <h2 className="kern-heading-medium" id="absence-title">
        {t('chat.absence.title')}
      </h2>
      <p className="kern-body">{t('chat.absence.intro')}</p>
      <ErrorAlert error={loadError} />
      {!draft && !loadError && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {draft && (
        <form className="form form--narrow" onSubmit={submit} noValidate aria-busy={busy}>
          <p className="kern-body" data-testid="absence-status">
            {t(stored ? 'chat.absence.statusAbsent' : 'chat.absence.statusPresent')}
          </p>
          <ErrorAlert<MessageKey> error={failure} />
          {saved && (
            <Alert
              variant="success"
              title={t(stored ? 'chat.absence.savedAbsent' : 'chat.absence.savedPresent')}
              live
            />
          )}
          <Checkbox
            id="absence-absent"
            label={t('chat.absence.absent')}
            hint={t('chat.absence.absentHint')}
            checked={draft.absent}
            onChange={(absent) => change({ absent })}
          />
          {draft.absent && (
            <div className={`kern-form-input${noteError ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor={NOTE_ID}>
                {t('chat.absence.message')}
                <span className="kern-label__optional"> – {t('common.optional')}</span>
              </label>
              <div className="kern-hint" id={`${NOTE_ID}-hint`}>
                {t('chat.absence.messageHint')}
              </div>
              <textarea
                className="kern-form-input__input message-field"
                id={NOTE_ID}
                name={NOTE_ID}
                rows={4}
                value={draft.message}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={`${NOTE_ID}-hint ${NOTE_ID}-count${noteError ? ` ${NOTE_ID}-error` : ''}`}
                onChange={(event) => change({ message: event.target.value })}
              />
              <p
                className={`kern-body kern-body--small chat-composer__count${tooLong ? ' chat-composer__count--over' : ''}`}
                id={`${NOTE_ID}-count`}
              >
                {t('chat.absence.count', {
                  count: new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB').format(chars),
                  max: MAX_ABSENCE_CHARS,
                })}
              </p>
              {/* Announced when it appears: crossing the limit while typing is easy to miss. */}
              <div aria-live="polite">
                {noteError && <FieldError id={`${NOTE_ID}-error`} message={noteError} />}
              </div>
            </div>
          )}
          <div className="actions">
            <SubmitButton busy={busy}>{t('chat.absence.save')}</SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}

const FIELD_IDS: Record<SettingsField, string> = {
  inquiryDigestMinutes: 'chat-settings-digest',
  retentionDays: 'chat-settings-retention',
};

const FIELD_PROBLEMS: Record<SettingsField, MessageKey> = {
  inquiryDigestMinutes: 'chat.settings.digest.invalid',
  retentionDays: 'chat.settings.retention.invalid',
};

function CenterChatSettings({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const [settings, setSettings] = useState<ChatSettings>();
  const [loadError, setLoadError] = useState<unknown>();

  useEffect(() => {
    let active = true;
    sdk.chatSettings(center.centerId).then(
      (value) => active && setSettings(value),
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId]);

  const admin = center.role === 'center_admin';
  return (
    <section className="section stack" aria-labelledby="chat-settings-title">
      <h2 className="kern-heading-medium" id="chat-settings-title">
        {t('chat.settings.centerTitle', { center: center.centerName })}
      </h2>
      <ErrorAlert error={loadError} />
      {!settings && !loadError && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {settings &&
        (admin ? (
          <ChatSettingsForm center={center} settings={settings} onSaved={setSettings} />
        ) : (
          <ChatSettingsFacts settings={settings} />
        ))}
    </section>
  );
}

/** Counselors see the settings; only the center's admins change them. */
function ChatSettingsFacts({ settings }: { settings: ChatSettings }) {
  const t = useT();
  return (
    <>
      <dl className="kern-description-list" data-testid="chat-settings">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('chat.settings.digest')}</dt>
          <dd className="kern-description-list-item__value">
            {settings.inquiryDigestMinutes === 0
              ? t('chat.settings.digest.none')
              : t('chat.settings.digest.every', { minutes: settings.inquiryDigestMinutes })}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('chat.settings.retention')}</dt>
          <dd className="kern-description-list-item__value">
            {settings.retentionDays === 1
              ? t('chat.settings.retention.oneDay')
              : t('chat.settings.retention.days', { days: settings.retentionDays })}
          </dd>
        </div>
      </dl>
      <p className="kern-body muted">{t('chat.settings.adminOnly')}</p>
    </>
  );
}

function ChatSettingsForm({
  center,
  settings,
  onSaved,
}: {
  center: Membership;
  settings: ChatSettings;
  onSaved(settings: ChatSettings): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problems, setProblems] = useState<ReadonlySet<SettingsField>>(new Set());
  const [saved, setSaved] = useState(false);

  const change = (field: SettingsField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setSaved(false);
    setProblems((known) => {
      if (!known.has(field)) return known;
      const next = new Set(known);
      next.delete(field);
      return next;
    });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    setProblems(new Set());
    setSaved(false);
    try {
      const next = await sdk.chatUpdateSettings(center.centerId, settingsFromDraft(draft));
      setDraft(settingsDraft(next));
      onSaved(next);
      setSaved(true);
    } catch (error) {
      const fields =
        error instanceof ApiError && error.status === 422
          ? new Set((error.details ?? []).map((d) => settingsFieldOf(d.path)).filter((f) => f !== undefined))
          : new Set<SettingsField>();
      if (fields.size > 0) {
        setProblems(fields);
        focusFirstInvalid(
          (['inquiryDigestMinutes', 'retentionDays'] as const).map((f) => fields.has(f) && FIELD_IDS[f]),
        );
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const error = (field: SettingsField) =>
    problems.has(field)
      ? t(FIELD_PROBLEMS[field], field === 'retentionDays' ? RETENTION_DAYS : DIGEST_MINUTES)
      : undefined;
  return (
    <form
      className="form form--narrow"
      onSubmit={submit}
      noValidate
      aria-busy={busy}
      data-testid="chat-settings-form"
    >
      <ErrorAlert<MessageKey> error={failure} />
      {problems.size > 0 && (
        <Alert variant="danger" title={t('chat.settings.problems', { count: problems.size })} live />
      )}
      {saved && <Alert variant="success" title={t('chat.settings.saved')} live />}
      <TextField
        id={FIELD_IDS.inquiryDigestMinutes}
        label={t('chat.settings.digestLabel')}
        hint={t('chat.settings.digestHint', {
          center: center.centerName,
          min: DIGEST_MINUTES.min,
          max: DIGEST_MINUTES.max,
        })}
        value={draft.inquiryDigestMinutes}
        onChange={(value) => change('inquiryDigestMinutes', value)}
        inputMode="numeric"
        required
        error={error('inquiryDigestMinutes')}
      />
      <TextField
        id={FIELD_IDS.retentionDays}
        label={t('chat.settings.retentionLabel')}
        hint={t('chat.settings.retentionHint', { min: RETENTION_DAYS.min, max: RETENTION_DAYS.max })}
        value={draft.retentionDays}
        onChange={(value) => change('retentionDays', value)}
        inputMode="numeric"
        required
        error={error('retentionDays')}
      />
      <div className="actions">
        <SubmitButton busy={busy}>{t('chat.settings.save')}</SubmitButton>
      </div>
    </form>
  );
}
