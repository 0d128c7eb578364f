import { useState } from 'react';
import { useSession } from '../../common/sdk/session';
import { ErrorAlert } from '../../common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';

/** Downloads the appointment as an iCalendar file (termin-<CODE>.ics). */
export function IcsButton({ code, token }: { code: string; token: string }) {
  const t = useT();
  const { sdk } = useSession();
  const [error, setError] = useState<unknown>();
  const download = () => {
    setError(undefined);
    sdk.bookingIcs(code, token).then(
      (text) => {
        const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = `termin-${code}.ics`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
      (failure: unknown) => setError(failure),
    );
  };
  return (
    <>
      <button type="button" className="kern-btn kern-btn--secondary" onClick={download}>
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">{t('booking.ics')}</span>
      </button>
      {error !== undefined && <ErrorAlert<MessageKey> error={error} />}
    </>
  );
}
