import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  recipients: string[];
  /** The Message-ID header as sent, with its angle brackets. */
  messageId: string | undefined;
  subject: string | undefined;
  /** The name the sender gave in EHLO (nodemailer: the `name` option, `?name=` in SMTP_URL). */
  clientName: string;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:PORT`, for SMTP_URL. */
  url: string;
  /** Every mail the server answered 250 to, in order. */
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a loopback port (no TLS, no AUTH) that keeps the envelope
 * recipients and headers of every mail it accepts. `onAccepted` runs right after the
 * 250 answer went out, the moment the sender may still die before it records the send;
 * `refuse` answers 451 (try again later) to the mails it returns true for.
 */
export async function startSmtpCatcher(
  options: {
    onAccepted?: (mail: ReceivedMail, count: number) => void;
    refuse?: (mail: ReceivedMail) => boolean;
  } = {},
): Promise<SmtpCatcher> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const headers = headersOf(Buffer.concat(chunks).toString('utf8'));
        const mail: ReceivedMail = {
          recipients: session.envelope.rcptTo.map((r) => r.address),
          messageId: headers.get('message-id'),
          subject: headers.get('subject'),
          clientName: session.hostNameAppearsAs,
        };
        if (options.refuse?.(mail)) {
          const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        received.push(mail);
        callback();
        options.onAccepted?.(mail, received.length);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The header section of a message, unfolded, by lower-case name (first occurrence). */
function headersOf(message: string): Map<string, string> {
  const end = message.search(/\r?\n\r?\n/);
  const section = (end < 0 ? message : message.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of section.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}
