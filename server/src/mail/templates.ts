import type { OutgoingMail } from './outbox';

const ROLE_LABEL = { counselor: 'Berater*in', center_admin: 'Administrator*in der Beratungsstelle' } as const;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The staff invitation, German first with an English version below. */
export function inviteMail(input: {
  to: string;
  name: string;
  centerName: string;
  role: 'counselor' | 'center_admin';
  link: string;
  expiresAt: Date;
}): OutgoingMail {
  const until = input.expiresAt.toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'long',
    timeStyle: 'short',
  });
  const text = [
    `Guten Tag ${input.name},`,
    '',
    `Sie wurden eingeladen, als ${ROLE_LABEL[input.role]} bei „${input.centerName}“ in der Online-Beratung mitzuarbeiten.`,
    `Bitte legen Sie Ihr Passwort über diesen Link fest (gültig bis ${until}, nur einmal verwendbar):`,
    '',
    input.link,
    '',
    'Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.',
    '',
    '---',
    `You have been invited to join "${input.centerName}" in the online counseling service. Set your password here: ${input.link}`,
  ].join('\n');
  const html = `<p>Guten Tag ${escapeHtml(input.name)},</p>
<p>Sie wurden eingeladen, als ${ROLE_LABEL[input.role]} bei „${escapeHtml(input.centerName)}“ in der Online-Beratung mitzuarbeiten.</p>
<p><a href="${escapeHtml(input.link)}">Passwort festlegen</a> (gültig bis ${escapeHtml(until)}, nur einmal verwendbar)</p>
<p>Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.</p>
<hr><p lang="en">You have been invited to join "${escapeHtml(input.centerName)}" in the online counseling service. <a href="${escapeHtml(input.link)}">Set your password</a>.</p>`;
  return { to: input.to, subject: `Einladung: ${input.centerName} – Online-Beratung`, text, html };
}
