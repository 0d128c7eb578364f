import { useEffect, useState } from 'react';
import type { Appointment, AppointmentList } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import type { Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import { AppointmentTable, RowButton, useDescribe } from './AppointmentTable';
import { CancelDialog } from './CancelDialog';
import { APPOINTMENT_ERRORS } from './errors';

/**
 * Konflikte: upcoming appointments the current rules no longer allow. They stay booked
 * until an admin cancels them here (or keeps them, e.g. when the change was deliberate).
 */
export function Conflicts({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const [list, setList] = useState<AppointmentList>();
  const [failure, setFailure] = useState<unknown>();
  const [reloads, setReloads] = useState(0);
  // Loading until the answer for the newest check came.
  const [settled, setSettled] = useState<number>();
  const loading = settled !== reloads;
  const [cancelling, setCancelling] = useState<Appointment>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    let active = true;
    sdk.backOfficeConflicts(center.centerId).then(
      (result) => {
        if (!active) return;
        setList(result);
        setFailure(undefined);
        setSettled(reloads);
      },
      (error: unknown) => {
        if (!active) return;
        setFailure(error);
        setSettled(reloads);
      },
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId, reloads]);

  const timezone = list?.timezone ?? 'UTC';
  const describe = useDescribe(timezone);

  return (
    <div className="stack">
      <p className="kern-body">{t('appointments.conflicts.intro')}</p>
      <div className="actions">
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          onClick={() => {
            setNotice(undefined);
            setReloads((n) => n + 1);
          }}
        >
          <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
          <span className="kern-label">{t('appointments.conflicts.reload')}</span>
        </button>
      </div>
      {notice && <Alert variant="success" title={notice} live />}
      <ErrorAlert<MessageKey> error={failure} overrides={APPOINTMENT_ERRORS} />
      {loading && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {list && !failure && !loading && list.appointments.length === 0 && (
        <Alert variant="success" title={t('appointments.conflicts.empty')} live />
      )}
      {list && !failure && list.appointments.length > 0 && (
        <div aria-busy={loading}>
          <AppointmentTable
            appointments={list.appointments}
            timezone={timezone}
            testId="conflicts-table"
            caption={t('appointments.conflicts.caption', { count: list.appointments.length, timezone })}
            actions={(appointment) => (
              <RowButton
                text={t('appointments.cancel')}
                context={describe.row(appointment)}
                icon="close"
                onClick={() => {
                  setNotice(undefined);
                  setCancelling(appointment);
                }}
              />
            )}
          />
        </div>
      )}
      <CancelDialog
        centerId={center.centerId}
        appointment={cancelling}
        timezone={timezone}
        onClose={() => setCancelling(undefined)}
        onCancelled={(appointment) => {
          setCancelling(undefined);
          setNotice(t('appointments.cancelled', { when: describe.when(appointment) }));
          setReloads((n) => n + 1);
        }}
      />
    </div>
  );
}
