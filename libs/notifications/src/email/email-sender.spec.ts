import { DEFAULT_EMAIL_SENDER_OPTIONS, emailRetryDelayAfter } from './email-options.js';
import { classifySmtpError } from './smtp-error.js';

/** Nodemailer's error, as its SMTP connection raises it. */
function smtpError(fields: {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}): Error {
  return Object.assign(new Error(fields.message ?? 'failed'), fields);
}

describe('classifySmtpError', () => {
  it('fails for good a 5xx answer to RCPT TO or DATA, with the server reason', () => {
    expect(
      classifySmtpError(
        smtpError({
          code: 'EENVELOPE',
          responseCode: 550,
          response: '550 No such user here',
          command: 'RCPT TO',
        }),
      ),
    ).toEqual({ kind: 'permanent', reason: '550 No such user here' });
    expect(
      classifySmtpError(
        smtpError({
          code: 'EMESSAGE',
          responseCode: 554,
          response: '554 5.7.1 Message rejected\r\n as spam',
          command: 'DATA',
        }),
      ),
    ).toEqual({ kind: 'permanent', reason: '554 5.7.1 Message rejected as spam' });
  });

  it('retries a 4xx answer to this message', () => {
    expect(
      classifySmtpError(
        smtpError({ responseCode: 451, response: '451 Try again later', command: 'RCPT TO' }),
      ),
    ).toEqual({ kind: 'transient', reason: '451 Try again later' });
  });

  it('retries every message when the server is away or refuses the session', () => {
    expect(
      classifySmtpError(
        smtpError({
          code: 'ESOCKET',
          command: 'CONN',
          message: 'connect ECONNREFUSED 127.0.0.1:25',
        }),
      ),
    ).toEqual({ kind: 'unavailable', reason: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25' });
    expect(
      classifySmtpError(smtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' })),
    ).toMatchObject({ kind: 'unavailable' });
    expect(
      classifySmtpError(
        smtpError({
          code: 'EAUTH',
          responseCode: 535,
          response: '535 Bad credentials',
          command: 'AUTH PLAIN',
        }),
      ),
    ).toEqual({ kind: 'unavailable', reason: '535 Bad credentials' });
    expect(classifySmtpError('boom')).toEqual({ kind: 'unavailable', reason: 'boom' });
  });
});

describe('emailRetryDelayAfter', () => {
  it('doubles from one minute up to an hour, then gives up after the last attempt', () => {
    const delays = Array.from({ length: 12 }, (_, index) =>
      emailRetryDelayAfter(DEFAULT_EMAIL_SENDER_OPTIONS, index + 1),
    );
    const minutes = delays.map((delay) => (delay === null ? null : delay / 60_000));
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, null]);
  });
});
