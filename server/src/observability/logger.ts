import pino, { type Logger } from 'pino';

/**
 * Logs never carry secrets, message content or personal data: request logs hold
 * method, route pattern, status and duration only (no IP, no query, no body), and
 * these paths are redacted wherever they might slip in.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'beratung-server' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        '*.authKey',
        '*.password',
        '*.token',
        '*.secret',
        '*.wrappedKeys',
        '*.ciphertext',
        '*.email',
        '*.phone',
      ],
      censor: '[redacted]',
    },
  });
}
