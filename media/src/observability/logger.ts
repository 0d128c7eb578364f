import pino, { type Logger } from 'pino';

/**
 * Logs carry room and participant ids, states and counts; never tokens, secrets, SDP
 * or ICE candidates (which hold the participants' IP addresses).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'beratung-media' },
    redact: {
      paths: ['req.headers["x-media-secret"]', '*.token', '*.secret', '*.sdp', '*.candidate', '*.credential'],
      censor: '[redacted]',
    },
  });
}
