import { useEffect, useState, type FormEvent } from 'react';
import type { BookingView } from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { SubmitButton } from '../../common/ui/Form';
import { Page } from '../../common/ui/Layout';
import { useT, type MessageKey } from '../../i18n';
import { longDate, slotDate, slotTime } from './dates';
import { NoteField } from './BookingPage';
import { IcsButton } from './IcsButton';
import { SlotPicker } from './SlotPicker';

/** Manage an appointment from the confirmation link: `#/termin/<CODE>/<TOKEN>`. */
export function ManagePage({ code, token }: { code: string; token: string }) {
  const t = useT();
  const { sdk } = useSession();
  const { locale } = useI18n();
  const [load, setLoad] = useState<{ value?: BookingView; error?: unknown }>();
  const [mode, setMode] = useState<'view' | 'cancel' | 'reschedule'>('view');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<MessageKey>();
  const [timezone, setTimezone] = useState<{ zone: string; horizon: number }>();

  useEffect(() => {
    let current = true;
    sdk.bookingView(code, token).then(
      (value) => {
        if (current) setLoad({ value });
      },
      (failure: unknown) => {
        if (current) setLoad({ error: failure });
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, code, token]);

  const booking = load?.value;
  useEffect(() => {
    if (mode !== 'reschedule' || !booking) return;
    let current = true;
    sdk.bookingServices(booking.center.id).then(
      (services) => {
        const service = services.services.find((s) => s.id === booking.service.id);
        if (current) setTimezone({ zone: services.center.timezone, horizon: service?.horizonDays ?? 60 });
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, mode, booking]);

  const cancel = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    sdk.bookingCancel(code, token, reason.trim() || undefined).then(
      (value) => {
        setBusy(false);
        setLoad({ value });
        setMode('view');
        setDone('booking.manage.cancelled');
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };

  const reschedule = (start: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    sdk.bookingReschedule(code, token, { start }).then(
      (value) => {
        setBusy(false);
        setLoad({ value });
        setMode('view');
        setDone('booking.manage.moved');
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };

  const overrides = {
    SLOT_TAKEN: 'booking.error.taken',
    HOLD_EXPIRED: 'booking.error.expired',
    401: 'booking.manage.invalid',
    403: 'booking.manage.invalid',
    404: 'booking.manage.invalid',
  } as const;

  return (
    <Page title={t('booking.manage.title')} siteName={t('app.name')}>
      {!load && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {load?.error !== undefined && (
        <ErrorAlert<MessageKey>
          error={load.error}
          overrides={{ ...overrides, 422: 'booking.manage.invalid' }}
        />
      )}
      <div aria-live="polite">
        {done && (
          <Alert variant="success" title={t('common.successTitle')}>
            <p className="kern-body">{t(done)}</p>
          </Alert>
        )}
      </div>
      {error !== undefined && <ErrorAlert<MessageKey> error={error} overrides={overrides} />}
      {booking && (
        <>
          <dl className="center-contact booking-summary">
            <dt>{t('booking.code')}</dt>
            <dd>
              <strong className="booking-code">{booking.code}</strong>
            </dd>
            <dt>{t('booking.status')}</dt>
            <dd data-testid="booking-status">{t(`booking.status.${booking.status}`)}</dd>
            <dt>{t('booking.when')}</dt>
            <dd>
              {longDate(slotDate(booking.start), locale)},{' '}
              {t('booking.clock', { time: slotTime(booking.start) })}
            </dd>
            <dt>{t('booking.center')}</dt>
            <dd>
              <a className="kern-link" href={`#/finder/${encodeURIComponent(booking.center.id)}`}>
                {booking.center.name}
              </a>
            </dd>
            <dt>{t('booking.service')}</dt>
            <dd>{booking.service.name}</dd>
            <dt>{t('booking.where')}</dt>
            <dd>{booking.location}</dd>
            {booking.counselorName && (
              <>
                <dt>{t('booking.counselor')}</dt>
                <dd>{booking.counselorName}</dd>
              </>
            )}
            {booking.cancelMessage && (
              <>
                <dt>{t('booking.cancelMessage')}</dt>
                <dd>{booking.cancelMessage}</dd>
              </>
            )}
          </dl>
          {booking.status === 'booked' && (
            <p className="kern-body">
              <IcsButton code={booking.code} token={token} />
            </p>
          )}
          {booking.changeable && booking.status === 'booked' && mode === 'view' && (
            <div className="booking-actions">
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                onClick={() => setMode('reschedule')}
              >
                <span className="kern-label">{t('booking.manage.reschedule')}</span>
              </button>
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                onClick={() => setMode('cancel')}
              >
                <span className="kern-label">{t('booking.manage.cancel')}</span>
              </button>
            </div>
          )}
          {!booking.changeable && booking.status === 'booked' && (
            <p className="kern-body">{t('booking.manage.notChangeable')}</p>
          )}
          {mode === 'cancel' && (
            <section aria-labelledby="booking-cancel">
              <h2 className="kern-heading-medium" id="booking-cancel">
                {t('booking.manage.cancel')}
              </h2>
              <form noValidate onSubmit={cancel}>
                <NoteField
                  id="booking-reason"
                  label={t('booking.manage.reason')}
                  value={reason}
                  onChange={setReason}
                />
                <div className="booking-actions">
                  <SubmitButton busy={busy} variant="danger">
                    {t('booking.manage.confirmCancel')}
                  </SubmitButton>
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary"
                    onClick={() => setMode('view')}
                  >
                    <span className="kern-label">{t('booking.manage.keep')}</span>
                  </button>
                </div>
              </form>
            </section>
          )}
          {mode === 'reschedule' && (
            <section aria-labelledby="booking-reschedule">
              <h2 className="kern-heading-medium" id="booking-reschedule">
                {t('booking.manage.reschedule')}
              </h2>
              <p className="kern-body">{t('booking.manage.rescheduleHint')}</p>
              <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setMode('view')}>
                <span className="kern-label">{t('booking.manage.keep')}</span>
              </button>
              {timezone ? (
                <SlotPicker
                  serviceId={booking.service.id}
                  timezone={timezone.zone}
                  horizonDays={timezone.horizon}
                  onPick={reschedule}
                  busy={busy}
                />
              ) : (
                <p className="kern-body" role="status">
                  {t('common.loading')}
                </p>
              )}
            </section>
          )}
        </>
      )}
    </Page>
  );
}
