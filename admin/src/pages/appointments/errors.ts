import type { ErrorOverrides } from '@common/ui/errors';
import type { MessageKey } from '../../i18n';

/** The appointment API's error codes in words (by code, before the generic status texts). */
export const APPOINTMENT_ERRORS: ErrorOverrides<MessageKey> = {
  NOT_CANCELLABLE: 'appointments.notCancellable',
  APPOINTMENT_NOT_STARTED: 'appointments.notStarted',
  APPOINTMENT_CANCELLED: 'appointments.alreadyCancelled',
  BULK_CHANGED: 'appointments.bulk.changed',
  403: 'appointments.onlyAdmins',
};
