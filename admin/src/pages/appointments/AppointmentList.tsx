import { useEffect, useMemo, useState } from 'react';
import type {
  Appointment,
  AppointmentList as List,
  AppointmentsQuery,
  AttendanceStatus,
} from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import type { Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import { AppointmentFilters, type FilterOption } from './AppointmentFilters';
import { AppointmentTable, RowButton, useDescribe } from './AppointmentTable';
import { CancelDialog } from './CancelDialog';
import { addDays, formatDate, hasBegun, today } from './dates';
import { APPOINTMENT_ERRORS } from './errors';
import { counselorsOf, mergeOptions, servicesOf, useBookableServices } from './options';

/** The first view: the next four weeks. */
function initialQuery(): AppointmentsQuery {
  const from = today();
  return { from, to: addDays(from, 27) };
}

/** The Terminliste: filters, the table, and what staff do with a row. */
export function AppointmentList({ center }: { center: Membership }) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const isAdmin = center.role === 'center_admin';
  const [query, setQuery] = useState<AppointmentsQuery>(initialQuery);
  const [reloads, setReloads] = useState(0);
  // One object per load: the list is loading until the answer to the newest one came.
  const request = useMemo(() => ({ query, reloads }), [query, reloads]);
  const [settled, setSettled] = useState<typeof request>();
  const loading = settled !== request;
  const [list, setList] = useState<List>();
  /** The filters `list` was loaded with (the form may already show newer ones). */
  const [listed, setListed] = useState<AppointmentsQuery>(query);
  const [failure, setFailure] = useState<unknown>();
  const [counselors, setCounselors] = useState<FilterOption[]>([]);
  const [seenServices, setSeenServices] = useState<FilterOption[]>([]);
  const bookable = useBookableServices(center.centerId);
  const [cancelling, setCancelling] = useState<Appointment>();
  const [marking, setMarking] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    let active = true;
    sdk.backOfficeAppointments(center.centerId, request.query).then(
      (result) => {
        if (!active) return;
        setList(result);
        setListed(request.query);
        setFailure(undefined);
        setSettled(request);
        // The API has no list of counselors: offer those seen in any range so far.
        setCounselors((known) => mergeOptions(known, counselorsOf(result.appointments)));
        setSeenServices((known) => mergeOptions(known, servicesOf(result.appointments)));
      },
      (error: unknown) => {
        if (!active) return;
        setFailure(error);
        setSettled(request);
      },
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId, request]);

  // Rows, and so the dialog, exist only once a list (with its zone) has come.
  const timezone = list?.timezone ?? 'UTC';
  const describe = useDescribe(timezone);
  const reload = () => setReloads((n) => n + 1);

  async function mark(appointment: Appointment, status: AttendanceStatus) {
    if (marking) return;
    setMarking(appointment.id);
    setActionError(undefined);
    setNotice(undefined);
    try {
      await sdk.backOfficeAttendance(center.centerId, appointment.id, status);
      setNotice(
        t('appointments.attendanceSaved', {
          when: describe.when(appointment),
          status: t(`appointments.status.${status}`),
        }),
      );
      reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setMarking(undefined);
    }
  }

  function actions(appointment: Appointment) {
    const context = describe.row(appointment);
    const begun = hasBegun(appointment.start);
    const attendance = (status: AttendanceStatus, text: string) => (
      <RowButton
        text={text}
        context={context}
        busy={marking !== undefined}
        onClick={() => void mark(appointment, status)}
      />
    );
    return (
      <>
        {isAdmin && appointment.status === 'booked' && !begun && (
          <RowButton
            text={t('appointments.cancel')}
            context={context}
            icon="close"
            onClick={() => {
              setNotice(undefined);
              setCancelling(appointment);
            }}
          />
        )}
        {/* Attendance only once the appointment has begun (the API refuses earlier). */}
        {begun && appointment.status !== 'cancelled' && (
          <>
            {appointment.status !== 'attended' && attendance('attended', t('appointments.attended'))}
            {appointment.status !== 'no_show' && attendance('no_show', t('appointments.noShow'))}
            {appointment.status !== 'booked' && attendance('booked', t('appointments.resetAttendance'))}
          </>
        )}
      </>
    );
  }

  return (
    <div className="stack">
      <p className="kern-body">
        {t(isAdmin ? 'appointments.intro.admin' : 'appointments.intro.counselor', {
          center: center.centerName,
        })}
      </p>
      <AppointmentFilters
        query={query}
        counselors={isAdmin ? counselors : undefined}
        services={mergeOptions(bookable, seenServices)}
        onApply={(next) => {
          setNotice(undefined);
          setActionError(undefined);
          setQuery(next);
        }}
      />
      {notice && <Alert variant="success" title={notice} live />}
      <ErrorAlert<MessageKey> error={actionError} overrides={APPOINTMENT_ERRORS} />
      <ErrorAlert<MessageKey> error={failure} overrides={APPOINTMENT_ERRORS} />
      {loading && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {list && !failure && list.appointments.length === 0 && !loading && (
        <p className="kern-body">{t('appointments.empty')}</p>
      )}
      {list && !failure && list.appointments.length > 0 && (
        <div aria-busy={loading}>
          <AppointmentTable
            appointments={list.appointments}
            timezone={timezone}
            testId="appointments-table"
            caption={t('appointments.caption', {
              from: formatDate(listed.from, locale),
              to: formatDate(listed.to, locale),
              count: list.appointments.length,
              timezone,
            })}
            actions={actions}
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
          reload();
        }}
      />
    </div>
  );
}
