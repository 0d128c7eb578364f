import type { OutgoingMail } from '../mail/outbox';
import { escapeHtml } from '../mail/templates';

/**
 * Chat notifications by mail. They never carry content, a topic or a center's name
 * that would reveal more than "there is something to read": a mailbox is often shared
 * or read by someone else.
 */
function mail(to: string, subject: string, lines: string[], link: string, linkLabel: string): OutgoingMail {
  const text = [...lines, '', link].join('\n');
  const html = `${lines.map((line) => (line ? `<p>${escapeHtml(line)}</p>` : '')).join('\n')}
<p><a href="${escapeHtml(link)}">${escapeHtml(linkLabel)}</a></p>`;
  return { to, subject, text, html };
}

/** Help seekers who left an email address: a reply waits (no content, no names). */
export function replyNoticeMail(input: { to: string; locale: 'de' | 'en'; link: string }): OutgoingMail {
  if (input.locale === 'en') {
    return mail(
      input.to,
      'New reply in your online counseling',
      [
        'Hello,',
        '',
        'there is a new reply for you in your online counseling.',
        'For your privacy this mail contains nothing of it: please log in to read it.',
      ],
      input.link,
      'Log in and read',
    );
  }
  return mail(
    input.to,
    'Neue Antwort in Ihrer Online-Beratung',
    [
      'Guten Tag,',
      '',
      'in Ihrer Online-Beratung wartet eine neue Antwort auf Sie.',
      'Zu Ihrem Schutz steht in dieser E-Mail nichts davon: Bitte melden Sie sich an, um sie zu lesen.',
    ],
    input.link,
    'Anmelden und lesen',
  );
}

/** Counselors: new inquiries are waiting in their center's queue (a count, nothing else). */
export function inquiryDigestMail(input: {
  to: string;
  locale: 'de' | 'en';
  centerName: string;
  waiting: number;
  link: string;
}): OutgoingMail {
  if (input.locale === 'en') {
    return mail(
      input.to,
      `${input.waiting} new inquiries waiting – ${input.centerName}`,
      [
        'Hello,',
        '',
        `${input.waiting === 1 ? 'One new inquiry is' : `${input.waiting} new inquiries are`} waiting for ${input.centerName}.`,
      ],
      input.link,
      'Open first inquiries',
    );
  }
  return mail(
    input.to,
    `${input.waiting === 1 ? 'Eine neue Erstanfrage wartet' : `${input.waiting} neue Erstanfragen warten`} – ${input.centerName}`,
    [
      'Guten Tag,',
      '',
      `Bei „${input.centerName}“ ${input.waiting === 1 ? 'wartet eine neue Erstanfrage' : `warten ${input.waiting} neue Erstanfragen`} auf eine Antwort.`,
    ],
    input.link,
    'Erstanfragen öffnen',
  );
}
