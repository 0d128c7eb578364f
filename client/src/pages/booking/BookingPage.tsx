import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  ApiError,
  type BookingCreated,
  type CenterServices,
  type Hold,
  type PublicService,
} from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { FieldError, SubmitButton, TextField, focusFirstInvalid } from '../../common/ui/Form';
import { Page } from '../../common/ui/Layout';
import { useT, type MessageKey } from '../../i18n';
import { emailProblem } from '../validation';
import { longDate, slotDate, slotTime } from './dates';
import { IcsButton } from './IcsButton';
import { SlotPicker } from './SlotPicker';

type Step = 'service' | 'time' | 'contact' | 'done';
const STEPS: Step[] = ['service', 'time', 'contact', 'done'];

/** Codes that send the person back to the time step. */
const SLOT_GONE: Record<string, MessageKey> = {
  SLOT_TAKEN: 'booking.error.taken',
  HOLD_EXPIRED: 'booking.error.expired',
};

/** Online-Terminbuchung: `#/finder/<centerId>/termin`, four steps. */
export function BookingPage({ centerId }: { centerId: string }) {
  const t = useT();
  const { sdk } = useSession();
  const [data, setData] = useState<{ value?: CenterServices; error?: unknown }>();
  const [step, setStep] = useState<Step>('service');
  const [service, setService] = useState<PublicService>();
  const [hold, setHold] = useState<Hold>();
  const [holding, setHolding] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<MessageKey>();
  const [booked, setBooked] = useState<BookingCreated>();
  const stepHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    sdk.bookingServices(centerId).then(
      (value) => current && setData({ value }),
      (failure: unknown) => current && setData({ error: failure }),
    );
    return () => {
      current = false;
    };
  }, [sdk, centerId]);

  const go = (next: Step) => {
    setStep(next);
    requestAnimationFrame(() => stepHeading.current?.focus());
  };

  const pick = (start: string) => {
    if (!service || holding) return;
    setHolding(true);
    setError(undefined);
    setNotice(undefined);
    const previous = hold;
    sdk.bookingHold(service.id, start).then(
      (next) => {
        setHolding(false);
        setHold(next);
        if (previous) void sdk.bookingReleaseHold(previous.id).catch(() => undefined);
        go('contact');
      },
      (failure: unknown) => {
        setHolding(false);
        if (failure instanceof ApiError && SLOT_GONE[failure.code]) setNotice(SLOT_GONE[failure.code]);
        else setError(failure);
      },
    );
  };

  /** After 409 SLOT_TAKEN / 410 HOLD_EXPIRED: choose another time. */
  const slotGone = (code: string) => {
    setHold(undefined);
    setNotice(SLOT_GONE[code]);
    go('time');
  };

  const center = data?.value?.center;
  const title = t('booking.title');
  const index = STEPS.indexOf(step);
  return (
    <Page title={title} siteName={t('app.name')}>
      <p className="kern-body center__back">
        <a className="kern-link" href={`#/finder/${encodeURIComponent(centerId)}`}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t('booking.backToCenter')}
        </a>
      </p>
      {center && <p className="kern-body kern-body--large">{center.name}</p>}
      {!data && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {data?.error !== undefined && (
        <ErrorAlert<MessageKey> error={data.error} overrides={{ 404: 'booking.centerNotFound' }} />
      )}
      {data?.value && data.value.services.length === 0 && (
        <p className="kern-body">{t('booking.noServices')}</p>
      )}
      {data?.value && data.value.services.length > 0 && (
        <>
          <ol className="booking-steps" aria-label={t('booking.steps')}>
            {STEPS.map((s, i) => (
              <li
                key={s}
                className={
                  i === index ? 'booking-steps__current' : i < index ? 'booking-steps__done' : undefined
                }
                aria-current={i === index ? 'step' : undefined}
              >
                {t(`booking.step.${s}`)}
              </li>
            ))}
          </ol>
          <h2 className="kern-heading-medium" tabIndex={-1} ref={stepHeading}>
            {t('booking.stepOf', { step: index + 1, steps: STEPS.length, title: t(`booking.step.${step}`) })}
          </h2>
          <div aria-live="assertive">
            {notice && (
              <Alert variant="warning" title={t('booking.error.title')}>
                <p className="kern-body">{t(notice)}</p>
              </Alert>
            )}
          </div>
          {error !== undefined && <ErrorAlert<MessageKey> error={error} />}

          {step === 'service' && (
            <ServiceStep
              services={data.value.services}
              selected={service}
              onChoose={(chosen) => {
                setService(chosen);
                setNotice(undefined);
                go('time');
              }}
            />
          )}
          {step === 'time' && service && (
            <>
              <p className="kern-body">
                <strong>{service.name}</strong> – {t(`center.service.${service.mode}`)},{' '}
                {t('center.service.duration', { minutes: service.durationMinutes })}{' '}
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary kern-btn--small"
                  onClick={() => go('service')}
                >
                  <span className="kern-label">{t('booking.change')}</span>
                </button>
              </p>
              <SlotPicker
                serviceId={service.id}
                timezone={data.value.center.timezone}
                horizonDays={service.horizonDays}
                onPick={pick}
                busy={holding}
              />
            </>
          )}
          {step === 'contact' && service && hold && (
            <ContactStep
              service={service}
              hold={hold}
              onBack={() => go('time')}
              onBooked={(created) => {
                setBooked(created);
                setHold(undefined);
                go('done');
              }}
              onSlotGone={slotGone}
            />
          )}
          {step === 'done' && booked && <Confirmation booking={booked} />}
        </>
      )}
    </Page>
  );
}

function ServiceStep({
  services,
  selected,
  onChoose,
}: {
  services: PublicService[];
  selected: PublicService | undefined;
  onChoose(service: PublicService): void;
}) {
  const t = useT();
  return (
    <ul className="booking-services">
      {services.map((service) => (
        <li key={service.id} className="kern-card kern-card--small">
          <div className="kern-card__container">
            <div className="kern-card__body">
              <h3 className="kern-title">{service.name}</h3>
              <p className="kern-body">
                {t(`center.service.${service.mode}`)},{' '}
                {t('center.service.duration', { minutes: service.durationMinutes })}
                {service.capacity > 1 && `, ${t('booking.group', { seats: service.capacity })}`}
              </p>
              {service.description && <p className="kern-body">{service.description}</p>}
              {service.address && (
                <p className="kern-body kern-body--small">
                  {service.address.name ? `${service.address.name}, ` : ''}
                  {service.address.street}, {service.address.postalCode} {service.address.city}
                </p>
              )}
            </div>
            <div className="kern-card__footer">
              <button
                type="button"
                className={`kern-btn ${selected?.id === service.id ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
                onClick={() => onChoose(service)}
                aria-label={t('booking.chooseService', { name: service.name })}
              >
                <span className="kern-label">{t('booking.choose')}</span>
              </button>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

function ContactStep({
  service,
  hold,
  onBack,
  onBooked,
  onSlotGone,
}: {
  service: PublicService;
  hold: Hold;
  onBack(): void;
  onBooked(booking: BookingCreated): void;
  onSlotGone(code: string): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const { locale } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ name?: MessageKey; email?: MessageKey; phone?: MessageKey }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const phoneRequired = service.mode === 'phone';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = {
      name: name.trim() === '' ? ('booking.name.required' as const) : undefined,
      email: emailProblem(email) ? ('booking.email.invalid' as const) : undefined,
      phone: phoneRequired && phone.trim() === '' ? ('booking.phone.required' as const) : undefined,
    };
    setErrors(found);
    if (found.name || found.email || found.phone) {
      focusFirstInvalid([
        found.name && 'booking-name',
        found.email && 'booking-email',
        found.phone && 'booking-phone',
      ]);
      return;
    }
    setBusy(true);
    setError(undefined);
    sdk
      .bookingBook({
        holdId: hold.id,
        contact: {
          name: name.trim(),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
        },
        ...(note.trim() ? { note: note.trim() } : {}),
        locale,
      })
      .then(
        (created) => {
          setBusy(false);
          onBooked(created);
        },
        (failure: unknown) => {
          setBusy(false);
          if (failure instanceof ApiError && SLOT_GONE[failure.code]) onSlotGone(failure.code);
          else setError(failure);
        },
      );
  };

  return (
    <form noValidate onSubmit={submit} className="booking-contact">
      <p className="kern-body">
        {t('booking.chosen', {
          service: service.name,
          date: longDate(slotDate(hold.start), locale),
          time: slotTime(hold.start),
        })}{' '}
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small" onClick={onBack}>
          <span className="kern-label">{t('booking.otherTime')}</span>
        </button>
      </p>
      <p className="kern-body kern-body--small">{t('booking.held')}</p>
      {error !== undefined && <ErrorAlert<MessageKey> error={error} />}
      <TextField
        id="booking-name"
        label={t('booking.name')}
        value={name}
        onChange={setName}
        autoComplete="name"
        required
        maxLength={200}
        error={errors.name && t(errors.name)}
      />
      <TextField
        id="booking-email"
        label={t('booking.email')}
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="email"
        inputMode="email"
        optional
        hint={t('booking.email.hint')}
        error={errors.email && t(errors.email)}
      />
      <TextField
        id="booking-phone"
        label={t('booking.phone')}
        value={phone}
        onChange={setPhone}
        autoComplete="tel"
        optional={!phoneRequired}
        required={phoneRequired}
        hint={phoneRequired ? t('booking.phone.hintRequired') : undefined}
        error={errors.phone && t(errors.phone)}
      />
      <NoteField value={note} onChange={setNote} />
      {email.trim() === '' && (
        <Alert variant="info" title={t('booking.noEmail.title')}>
          <p className="kern-body">{t('booking.noEmail.text')}</p>
        </Alert>
      )}
      <SubmitButton busy={busy}>{t('booking.submit')}</SubmitButton>
    </form>
  );
}

export function NoteField({
  value,
  onChange,
  id = 'booking-note',
  label,
  error,
}: {
  value: string;
  onChange(value: string): void;
  id?: string;
  label?: string;
  error?: string;
}) {
  const t = useT();
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label ?? t('booking.note')}
        <span className="kern-label__optional"> – {t('common.optional')}</span>
      </label>
      <textarea
        className="kern-form-input__input booking-textarea"
        id={id}
        name={id}
        rows={4}
        maxLength={2000}
        value={value}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

function Confirmation({ booking }: { booking: BookingCreated }) {
  const t = useT();
  const { locale } = useI18n();
  const manage = `#/termin/${encodeURIComponent(booking.code)}/${encodeURIComponent(booking.token)}`;
  return (
    <div className="booking-done">
      <Alert variant="success" title={t('booking.done.title')} live>
        <p className="kern-body">{t('booking.done.text')}</p>
      </Alert>
      <dl className="center-contact booking-summary">
        <dt>{t('booking.code')}</dt>
        <dd>
          <strong className="booking-code" data-testid="booking-code">
            {booking.code}
          </strong>
        </dd>
        <dt>{t('booking.when')}</dt>
        <dd>
          {longDate(slotDate(booking.start), locale)}, {t('booking.clock', { time: slotTime(booking.start) })}
        </dd>
        <dt>{t('booking.service')}</dt>
        <dd>{booking.service.name}</dd>
        <dt>{t('booking.where')}</dt>
        <dd>{booking.location}</dd>
      </dl>
      <p className="kern-body">{t(booking.contact.email ? 'booking.done.mail' : 'booking.done.noMail')}</p>
      <p className="kern-body">
        <a className="kern-link" href={manage}>
          {t('booking.manageLink')}
        </a>
      </p>
      <p className="kern-body kern-body--small">{t('booking.manageHint')}</p>
      <IcsButton code={booking.code} token={booking.token} />
    </div>
  );
}
