import { Alert } from '@common/ui/Alert';
import { Page } from '@common/ui/Layout';
import { useCenter } from '../center';
import { useT, type MessageKey } from '../i18n';
import { AppointmentList } from './appointments/AppointmentList';
import { BulkCancel } from './appointments/BulkCancel';
import { Conflicts } from './appointments/Conflicts';
import { SubNav, type AppointmentView } from './appointments/SubNav';

const TITLES: Record<AppointmentView, MessageKey> = {
  list: 'appointments.title',
  conflicts: 'appointments.conflicts.title',
  bulk: 'appointments.bulk.title',
};

/**
 * Termine for center admins (all of the center's) and counselors (their own). Konflikte
 * and Massen-Löschung are for admins; the server enforces that as well.
 */
function Appointments({ view }: { view: AppointmentView }) {
  const t = useT();
  const { current } = useCenter();
  const isAdmin = current?.role === 'center_admin';
  let body: React.JSX.Element;
  if (!current) body = <p className="kern-body">{t('center.none')}</p>;
  else if (view === 'list') body = <AppointmentList key={current.centerId} center={current} />;
  else if (!isAdmin) body = <Alert variant="info" title={t('appointments.onlyAdmins')} />;
  else if (view === 'conflicts') body = <Conflicts key={current.centerId} center={current} />;
  else body = <BulkCancel key={current.centerId} center={current} />;
  return (
    <Page title={t(TITLES[view])} siteName={t('app.name')} wide>
      {isAdmin && <SubNav view={view} />}
      {body}
    </Page>
  );
}

export const AppointmentsPage = () => <Appointments view="list" />;
export const AppointmentConflictsPage = () => <Appointments view="conflicts" />;
export const BulkCancelPage = () => <Appointments view="bulk" />;
