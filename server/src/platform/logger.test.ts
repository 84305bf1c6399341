import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT } from './logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: pino({ redact: { paths: REDACT, censor: '[redacted]' } }, sink), lines };
}

describe('log redaction', () => {
  it('keeps an error code readable in a 500 log', () => {
    const { log, lines } = capture();
    log.error({ err: { code: 'ECONNRESET', message: 'socket hang up' } }, 'request failed');
    expect(lines.join('')).toContain('ECONNRESET');
  });

  it('hides WeChat one-time codes, tokens and phone numbers', () => {
    const { log, lines } = capture();
    log.info({ body: { code: 'wx-login-code-1' }, req: { phoneCode: 'phone-code-2', js_code: 'js-3' }, user: { phone: '13800001234', token: 'tkn' } });
    const out = lines.join('');
    for (const secret of ['wx-login-code-1', 'phone-code-2', 'js-3', '13800001234', 'tkn']) expect(out).not.toContain(secret);
  });
});
