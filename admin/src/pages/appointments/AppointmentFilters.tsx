import { useState, type FormEvent } from 'react';
import type { AppointmentsQuery, BookingStatus } from '@beratung/shared';
import { SelectField, focusFirstInvalid } from '@common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { DateField } from './fields';
import { isDate, isRange } from './dates';

export interface FilterOption {
  id: string;
  name: string;
}

/** Held slots are not appointments yet: the list never shows them. */
const STATUSES: BookingStatus[] = ['booked', 'cancelled', 'attended', 'no_show'];

type DateErrors = Partial<Record<'from' | 'to', MessageKey>>;

/** Checks a date range the way the API does, so a wrong range is marked at its field. */
export function rangeErrors(from: string, to: string): DateErrors {
  const errors: DateErrors = {
    from: isDate(from) ? undefined : 'appointments.date.invalid',
    to: isDate(to) ? undefined : 'appointments.date.invalid',
  };
  if (!errors.from && !errors.to && !isRange(from, to)) errors.to = 'appointments.range.invalid';
  return errors;
}

/**
 * Zeitraum, Berater:in, Dienstleistung, Status. Applied with the button, not on every
 * change, so screen-reader users are not surprised by a table that changes under them.
 */
export function AppointmentFilters({
  query,
  counselors,
  services,
  onApply,
}: {
  query: AppointmentsQuery;
  /** Left out for counselors, who see only their own appointments. */
  counselors?: FilterOption[];
  services: FilterOption[];
  onApply(query: AppointmentsQuery): void;
}) {
  const t = useT();
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [counselorId, setCounselorId] = useState(query.counselorId ?? '');
  const [serviceId, setServiceId] = useState(query.serviceId ?? '');
  const [status, setStatus] = useState<BookingStatus | ''>(query.status ?? '');
  const [errors, setErrors] = useState<DateErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = rangeErrors(from, to);
    setErrors(found);
    if (found.from || found.to) {
      focusFirstInvalid([found.from && 'filter-from', found.to && 'filter-to']);
      return;
    }
    onApply({
      from,
      to,
      counselorId: counselorId || undefined,
      serviceId: serviceId || undefined,
      status: status || undefined,
    });
  }

  const all = { value: '', label: t('appointments.filter.all') };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="filter-title">
      <h2 className="kern-heading-small" id="filter-title">
        {t('appointments.filter.title')}
      </h2>
      <div className="field-row">
        <DateField
          id="filter-from"
          label={t('appointments.filter.from')}
          value={from}
          onChange={setFrom}
          error={errors.from && t(errors.from)}
        />
        <DateField
          id="filter-to"
          label={t('appointments.filter.to')}
          value={to}
          onChange={setTo}
          error={errors.to && t(errors.to)}
        />
      </div>
      <div className="field-row">
        {counselors && (
          <SelectField
            id="filter-counselor"
            label={t('appointments.filter.counselor')}
            hint={t('appointments.filter.counselor.hint')}
            value={counselorId}
            onChange={setCounselorId}
            options={[all, ...counselors.map((c) => ({ value: c.id, label: c.name }))]}
          />
        )}
        <SelectField
          id="filter-service"
          label={t('appointments.filter.service')}
          value={serviceId}
          onChange={setServiceId}
          options={[all, ...services.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField<BookingStatus | ''>
          id="filter-status"
          label={t('appointments.filter.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t('appointments.filter.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`appointments.status.${s}`) })),
          ]}
        />
      </div>
      <div className="actions">
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-icon kern-icon--search" aria-hidden="true" />
          <span className="kern-label">{t('appointments.filter.submit')}</span>
        </button>
      </div>
    </form>
  );
}
