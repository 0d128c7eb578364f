import type { BookingView } from '@beratung/shared/schemas/booking';
import type { OutgoingMail } from '../mail/outbox';
import { escapeHtml } from '../mail/templates';

export type BookingMailKind = 'confirmed' | 'rescheduled' | 'cancelled' | 'reminder';

const SUBJECT = {
  de: {
    confirmed: 'Terminbestätigung',
    rescheduled: 'Ihr Termin wurde verschoben',
    cancelled: 'Ihr Termin wurde abgesagt',
    reminder: 'Erinnerung an Ihren Termin',
  },
  en: {
    confirmed: 'Appointment confirmed',
    rescheduled: 'Your appointment was moved',
    cancelled: 'Your appointment was cancelled',
    reminder: 'Reminder of your appointment',
  },
} as const;

const INTRO = {
  de: {
    confirmed: 'vielen Dank für Ihre Buchung. Ihr Termin ist bestätigt:',
    rescheduled: 'Ihr Termin wurde auf diese Zeit verschoben:',
    cancelled: 'dieser Termin wurde abgesagt:',
    reminder: 'wir erinnern Sie an Ihren Termin:',
  },
  en: {
    confirmed: 'thank you for your booking. Your appointment is confirmed:',
    rescheduled: 'your appointment has been moved to this time:',
    cancelled: 'this appointment has been cancelled:',
    reminder: 'this is a reminder of your appointment:',
  },
} as const;

/**
 * The mail to the person who booked, in the booking's language, as plain text and
 * HTML; confirmations and moves carry the appointment as iCalendar (METHOD:REQUEST),
 * cancellations as METHOD:CANCEL.
 */
export function bookingMail(input: {
  kind: BookingMailKind;
  to: string;
  booking: BookingView;
  manageUrl: string | undefined;
  ics: string | undefined;
}): OutgoingMail {
  const { booking, kind } = input;
  const de = booking.locale === 'de';
  const lang = de ? 'de' : 'en';
  const when = new Date(booking.start).toLocaleString(de ? 'de-DE' : 'en-GB', {
    timeZone: booking.timezone,
    dateStyle: 'full',
    timeStyle: 'short',
  });
  const greeting = booking.contact.name
    ? de
      ? `Guten Tag ${booking.contact.name},`
      : `Dear ${booking.contact.name},`
    : de
      ? 'Guten Tag,'
      : 'Hello,';
  const facts: Array<[string, string]> = [
    [de ? 'Termin' : 'When', when],
    [de ? 'Angebot' : 'Service', booking.service.name],
    [de ? 'Beratungsstelle' : 'Counseling center', booking.center.name],
    [de ? 'Ort' : 'Where', booking.location],
    [de ? 'Buchungscode' : 'Booking code', booking.code],
  ];
  if (kind === 'cancelled' && booking.cancelMessage)
    facts.push([de ? 'Nachricht' : 'Message', booking.cancelMessage]);
  const manage =
    kind !== 'cancelled' && input.manageUrl
      ? de
        ? 'Termin ansehen, verschieben oder absagen:'
        : 'View, move or cancel the appointment:'
      : undefined;
  const text = [
    greeting,
    '',
    INTRO[lang][kind],
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(manage ? ['', manage, input.manageUrl!] : []),
    '',
    de
      ? 'Diese E-Mail wurde automatisch erstellt. Bitte antworten Sie nicht darauf.'
      : 'This email was sent automatically. Please do not reply.',
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(INTRO[lang][kind])}</p>
<table>${facts.map(([l, v]) => `<tr><th align="left">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
${manage ? `<p><a href="${escapeHtml(input.manageUrl!)}">${escapeHtml(manage.replace(/:$/, ''))}</a></p>` : ''}
<p><small>${de ? 'Diese E-Mail wurde automatisch erstellt.' : 'This email was sent automatically.'}</small></p>
</body></html>`;
  return {
    to: input.to,
    subject: `${SUBJECT[lang][kind]}: ${booking.service.name} – ${when}`,
    text,
    html,
    attachments: input.ics
      ? [
          {
            filename: 'termin.ics',
            contentType: `text/calendar; charset=utf-8; method=${kind === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
            content: input.ics,
          },
        ]
      : [],
  };
}
