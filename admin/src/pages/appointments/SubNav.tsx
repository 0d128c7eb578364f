import { useT } from '../../i18n';

export const APPOINTMENT_VIEWS = {
  list: '/appointments',
  conflicts: '/appointments/conflicts',
  bulk: '/appointments/bulk-cancel',
} as const;
export type AppointmentView = keyof typeof APPOINTMENT_VIEWS;

/** Terminliste, Konflikte, Massen-Löschung: the parts of the appointment pages (for admins). */
export function SubNav({ view }: { view: AppointmentView }) {
  const t = useT();
  const labels: Record<AppointmentView, string> = {
    list: t('appointments.subnav.list'),
    conflicts: t('appointments.subnav.conflicts'),
    bulk: t('appointments.subnav.bulk'),
  };
  return (
    <nav aria-label={t('appointments.subnav')}>
      <ul className="plain-list sub-nav">
        {(Object.keys(APPOINTMENT_VIEWS) as AppointmentView[]).map((key) => (
          <li key={key}>
            <a
              className="kern-link sub-nav__link"
              href={`#${APPOINTMENT_VIEWS[key]}`}
              aria-current={key === view ? 'page' : undefined}
            >
              {labels[key]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
