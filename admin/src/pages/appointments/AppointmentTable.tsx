import type { ReactNode } from 'react';
import type { Appointment } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { TableHead } from '@common/ui/TableHead';
import { useT } from '../../i18n';
import { formatSlot } from './dates';

const BADGE: Record<Appointment['status'], { variant: string; icon: string }> = {
  held: { variant: 'info', icon: 'info' },
  booked: { variant: 'info', icon: 'info' },
  cancelled: { variant: 'danger', icon: 'danger' },
  attended: { variant: 'success', icon: 'success' },
  no_show: { variant: 'warning', icon: 'warning' },
};

/** How a row names its appointment in button labels and dialogs: time and person. */
export function useDescribe(timezone: string) {
  const t = useT();
  const { locale } = useI18n();
  return {
    when: (a: Appointment) => formatSlot(a.start, a.end, timezone, locale),
    person: (a: Appointment) => a.contact.name ?? t('appointments.noName'),
    /** Time and person, to tell one row's buttons from the next. */
    row: (a: Appointment) =>
      `${formatSlot(a.start, a.end, timezone, locale)}, ${a.contact.name ?? t('appointments.noName')}`,
  };
}

/**
 * A small action button in a row; screen readers also hear which appointment it is for,
 * since "Absagen" alone is the same in every row.
 */
export function RowButton({
  text,
  context,
  icon,
  busy,
  onClick,
}: {
  text: string;
  context: string;
  icon?: 'close' | 'check';
  busy?: boolean;
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className="kern-btn kern-btn--tertiary kern-btn--x-small"
      aria-disabled={busy || undefined}
      onClick={() => !busy && onClick()}
    >
      {icon && <span className={`kern-icon kern-icon--${icon}`} aria-hidden="true" />}
      <span className="kern-label">
        {text}
        <span className="visually-hidden"> ({context})</span>
      </span>
    </button>
  );
}

/** The appointments of the back office as a table; `actions` adds a last column. */
export function AppointmentTable({
  appointments,
  timezone,
  caption,
  testId,
  actions,
}: {
  appointments: Appointment[];
  timezone: string;
  caption: string;
  testId: string;
  actions?: (appointment: Appointment) => ReactNode;
}) {
  const t = useT();
  const describe = useDescribe(timezone);
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--small kern-table--striped" data-testid={testId}>
        <caption className="kern-title">{caption}</caption>
        <TableHead
          columns={[
            t('appointments.col.when'),
            t('appointments.col.service'),
            t('appointments.col.counselor'),
            t('appointments.col.room'),
            t('appointments.col.person'),
            t('appointments.col.code'),
            t('appointments.col.status'),
            actions && t('appointments.col.actions'),
          ]}
        />
        <tbody className="kern-table__body">
          {appointments.map((appointment) => (
            <tr className="kern-table__row" key={appointment.id} data-appointment={appointment.code}>
              <th className="kern-table__header" scope="row">
                <time dateTime={appointment.start}>{describe.when(appointment)}</time>
              </th>
              <td className="kern-table__cell">{appointment.service.name}</td>
              <td className="kern-table__cell">{appointment.counselor.name}</td>
              <td className="kern-table__cell">{appointment.room?.name ?? '–'}</td>
              <td className="kern-table__cell">
                <Contact appointment={appointment} />
              </td>
              <td className="kern-table__cell">{appointment.code ?? '–'}</td>
              <td className="kern-table__cell">
                <Status appointment={appointment} />
              </td>
              {actions && (
                <td className="kern-table__cell kern-table__cell--action">
                  <div className="row-actions">{actions(appointment)}</div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Contact({ appointment }: { appointment: Appointment }) {
  const t = useT();
  const { name, email, phone } = appointment.contact;
  return (
    <ul className="plain-list">
      <li>{name ?? <span className="muted">{t('appointments.noName')}</span>}</li>
      {email && (
        <li>
          <a className="kern-link" href={`mailto:${email}`}>
            {email}
          </a>
        </li>
      )}
      {phone && (
        <li>
          <a className="kern-link" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
            {phone}
          </a>
        </li>
      )}
    </ul>
  );
}

function Status({ appointment }: { appointment: Appointment }) {
  const t = useT();
  const badge = BADGE[appointment.status];
  return (
    <>
      <span className={`kern-badge kern-badge--${badge.variant}`}>
        <span className={`kern-icon kern-icon--${badge.icon}`} aria-hidden="true" />
        <span className="kern-label">{t(`appointments.status.${appointment.status}`)}</span>
      </span>
      {appointment.cancelledBy && (
        <span className="status-note">{t(`appointments.cancelledBy.${appointment.cancelledBy}`)}</span>
      )}
    </>
  );
}
