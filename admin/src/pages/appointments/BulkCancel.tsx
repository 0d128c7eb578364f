import { useState, type FormEvent } from 'react';
import { ApiError, type AppointmentList } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert, type AlertVariant } from '@common/ui/Alert';
import { ConfirmDialog } from '@common/ui/ConfirmDialog';
import { SubmitButton, focusFirstInvalid } from '@common/ui/Form';
import type { Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import { rangeErrors } from './AppointmentFilters';
import { AppointmentTable } from './AppointmentTable';
import { addDays, formatDate, today } from './dates';
import { APPOINTMENT_ERRORS } from './errors';
import { DateField, MessageField } from './fields';

/** What the server counted for a range, with the token that cancels exactly those. */
interface Preview {
  from: string;
  to: string;
  count: number;
  token: string;
  /** The booked appointments of the range, to show what the count means. */
  list: AppointmentList;
}

/**
 * Massen-Löschung in two steps: the preview counts the booked appointments of a range
 * and returns a token; only "Endgültig absagen" with that token cancels, and the server
 * refuses (409 BULK_CHANGED) when the set changed in between.
 */
export function BulkCancel({ center }: { center: Membership }) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(() => addDays(today(), 6));
  const [errors, setErrors] = useState<ReturnType<typeof rangeErrors>>({});
  const [preview, setPreview] = useState<Preview>();
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<unknown>();
  const [notice, setNotice] = useState<{ variant: AlertVariant; text: string }>();

  const readable = (p: { from: string; to: string }) => ({
    from: formatDate(p.from, locale),
    to: formatDate(p.to, locale),
  });

  async function loadPreview(range: { from: string; to: string }) {
    setPreviewing(true);
    setPreviewError(undefined);
    try {
      const [counted, list] = await Promise.all([
        sdk.backOfficeBulkCancel(center.centerId, range),
        sdk.backOfficeAppointments(center.centerId, { ...range, status: 'booked' }),
      ]);
      setPreview({ ...range, count: counted.count, token: counted.confirmToken ?? '', list });
    } catch (error) {
      setPreview(undefined);
      setPreviewError(error);
    } finally {
      setPreviewing(false);
    }
  }

  function submitPreview(event: FormEvent) {
    event.preventDefault();
    if (previewing) return;
    const found = rangeErrors(from, to);
    setErrors(found);
    setNotice(undefined);
    if (found.from || found.to) {
      focusFirstInvalid([found.from && 'bulk-from', found.to && 'bulk-to']);
      return;
    }
    void loadPreview({ from, to });
  }

  // A preview belongs to its range: another range needs its own.
  const changeRange = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPreview(undefined);
  };

  async function cancelAll() {
    if (!preview || cancelBusy) return;
    setCancelBusy(true);
    setCancelError(undefined);
    try {
      const done = await sdk.backOfficeBulkCancel(center.centerId, {
        from: preview.from,
        to: preview.to,
        message: message.trim() || undefined,
        confirm: preview.token,
      });
      setConfirming(false);
      setPreview(undefined);
      setMessage('');
      setNotice({
        variant: 'success',
        text: t('appointments.bulk.done', { count: done.count, ...readable(preview) }),
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BULK_CHANGED') {
        // Nothing was cancelled: show what the range holds now and ask again.
        setConfirming(false);
        setNotice({ variant: 'warning', text: t('appointments.bulk.changed') });
        void loadPreview({ from: preview.from, to: preview.to });
      } else {
        setCancelError(error);
      }
    } finally {
      setCancelBusy(false);
    }
  }

  return (
    <div className="stack">
      <p className="kern-body">{t('appointments.bulk.intro')}</p>
      <form className="form" onSubmit={submitPreview} noValidate aria-busy={previewing}>
        <div className="field-row">
          <DateField
            id="bulk-from"
            label={t('appointments.filter.from')}
            value={from}
            onChange={changeRange(setFrom)}
            error={errors.from && t(errors.from)}
          />
          <DateField
            id="bulk-to"
            label={t('appointments.filter.to')}
            value={to}
            onChange={changeRange(setTo)}
            error={errors.to && t(errors.to)}
          />
        </div>
        <div className="actions">
          <SubmitButton busy={previewing} variant="secondary">
            {t('appointments.bulk.preview')}
          </SubmitButton>
        </div>
      </form>
      {notice && <Alert variant={notice.variant} title={notice.text} live />}
      <ErrorAlert<MessageKey> error={previewError} overrides={APPOINTMENT_ERRORS} />
      {previewing && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {preview && !previewing && (
        <section className="section stack" aria-labelledby="bulk-preview-title">
          <h2 className="kern-heading-medium" id="bulk-preview-title">
            {t('appointments.bulk.previewTitle')}
          </h2>
          <p className="kern-body" role="status" data-testid="bulk-count">
            {preview.count === 0
              ? t('appointments.bulk.none')
              : t('appointments.bulk.count', { count: preview.count, ...readable(preview) })}
          </p>
          {preview.list.appointments.length > 0 && (
            <AppointmentTable
              appointments={preview.list.appointments}
              timezone={preview.list.timezone}
              testId="bulk-table"
              caption={t('appointments.bulk.caption', { timezone: preview.list.timezone })}
            />
          )}
          {preview.count > 0 && (
            <>
              <MessageField
                id="bulk-message"
                label={t('appointments.bulk.message')}
                hint={t('appointments.cancelMessage.hint')}
                value={message}
                onChange={setMessage}
              />
              <div className="actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--primary btn-danger"
                  onClick={() => {
                    setCancelError(undefined);
                    setConfirming(true);
                  }}
                >
                  <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                  <span className="kern-label">{t('appointments.bulk.submit')}</span>
                </button>
              </div>
            </>
          )}
        </section>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('appointments.bulk.confirmTitle', { count: preview?.count ?? 0 })}
        confirmLabel={t('appointments.bulk.confirm')}
        busy={cancelBusy}
        onConfirm={() => void cancelAll()}
        onCancel={() => setConfirming(false)}
      >
        <ErrorAlert<MessageKey> error={cancelError} overrides={APPOINTMENT_ERRORS} />
        {preview && <p className="kern-body">{t('appointments.bulk.confirmText', readable(preview))}</p>}
      </ConfirmDialog>
    </div>
  );
}
