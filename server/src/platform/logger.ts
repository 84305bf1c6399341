import pino from 'pino';

/**
 * Paths that may carry secrets or personal data. Code should not log them in the first place;
 * redaction is the safety net.
 */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.phone',
  '*.idNumber',
  'err.body',
  '*.phoneLast4',
  '*.idLast4',
  '*.digits',
  '*.secret',
  '*.password',
  '*.session_key',
  '*.sessionKey',
  // WeChat one-time codes (login and phone) by name only: a bare `*.code` would also hide `err.code` in 500 logs.
  '*.js_code',
  '*.jsCode',
  '*.phoneCode',
  'body.code',
  'req.body.code',
];

export function createLogger(level: string) {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { svc: 'gongzhi' } });
}

export type Logger = pino.Logger;

// A process-wide logger; app.ts replaces it with one at the configured level.
export let logger: Logger = createLogger(process.env.LOG_LEVEL ?? 'info');
export function setLogger(l: Logger) {
  logger = l;
}
