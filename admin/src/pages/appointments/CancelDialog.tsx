import { useState } from 'react';
import type { Appointment } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { ConfirmDialog } from '@common/ui/ConfirmDialog';
import { useT, type MessageKey } from '../../i18n';
import { useDescribe } from './AppointmentTable';
import { APPOINTMENT_ERRORS } from './errors';
import { MessageField } from './fields';

/**
 * "Absagen": asks for confirmation and an optional message, which the server mails to
 * the person. Stays mounted so the native dialog can return focus to the opener.
 */
export function CancelDialog({
  centerId,
  appointment,
  timezone,
  onCancelled,
  onClose,
}: {
  centerId: string;
  appointment: Appointment | undefined;
  timezone: string;
  onCancelled(appointment: Appointment): void;
  onClose(): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const describe = useDescribe(timezone);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  // A fresh form for every appointment the dialog opens for (reset while rendering).
  const [openFor, setOpenFor] = useState(appointment?.id);
  if (openFor !== appointment?.id) {
    setOpenFor(appointment?.id);
    setMessage('');
    setFailure(undefined);
  }

  async function cancel() {
    if (!appointment || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await sdk.backOfficeCancel(centerId, appointment.id, message.trim() || undefined);
      onCancelled(appointment);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={appointment !== undefined}
      title={appointment ? t('appointments.cancelTitle', { when: describe.when(appointment) }) : ''}
      confirmLabel={t('appointments.cancelConfirm')}
      busy={busy}
      onConfirm={() => void cancel()}
      onCancel={onClose}
    >
      <div className="stack">
        <ErrorAlert<MessageKey> error={failure} overrides={APPOINTMENT_ERRORS} />
        {appointment && (
          <p className="kern-body">
            {t('appointments.cancelText', {
              person: describe.person(appointment),
              service: appointment.service.name,
            })}
          </p>
        )}
        <MessageField
          id="cancel-message"
          label={t('appointments.cancelMessage')}
          hint={t('appointments.cancelMessage.hint')}
          value={message}
          onChange={setMessage}
        />
      </div>
    </ConfirmDialog>
  );
}
