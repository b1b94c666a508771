import { createTransport } from 'nodemailer';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.js';
import { trackedRunning } from './process-registry.js';

function transportTo(server: SmtpTestServer) {
  // No pooling, no retries: each send is one SMTP session, so an outage shows at once.
  return createTransport({ url: server.url, connectionTimeout: 2_000, greetingTimeout: 2_000 });
}

describe('startSmtpTestServer', () => {
  let server: SmtpTestServer;

  beforeEach(async () => {
    server = await startSmtpTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('keeps what it received, parsed: envelope, subject, text, HTML and headers', async () => {
    await transportTo(server).sendMail({
      from: 'Relais <ne-pas-repondre@relais.test>',
      to: 'camille@structure.test',
      subject: 'Un passage vous est proposé',
      text: 'Bonjour, un passage vous attend.',
      html: '<p>Bonjour, un passage vous attend.</p>',
      headers: { 'List-Unsubscribe': '<https://relais.test/unsubscribe/abc>' },
    });

    const [message] = await server.waitForMessages(1);
    expect(message?.envelope).toEqual({
      from: 'ne-pas-repondre@relais.test',
      to: ['camille@structure.test'],
    });
    expect(message?.subject).toBe('Un passage vous est proposé');
    expect(message?.text.trim()).toBe('Bonjour, un passage vous attend.');
    expect(message?.html).toContain('<p>Bonjour, un passage vous attend.</p>');
    expect(message?.headers.get('list-unsubscribe')).toBe('<https://relais.test/unsubscribe/abc>');
    expect(server.url).toBe(`smtp://127.0.0.1:${server.port}`);
  });

  it('refuses the recipients it is told to with 550 and the message', async () => {
    server.refuseRecipients((address) => address.endsWith('@refused.test'), 550, 'No such user');

    const sending = transportTo(server).sendMail({
      from: 'ne-pas-repondre@relais.test',
      to: 'nobody@refused.test',
      subject: 'Refusé',
      text: 'Refusé',
    });

    await expect(sending).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('No such user') as unknown,
    });
    expect(server.messages()).toEqual([]);
  });

  it('stops (an outage) and starts again on the same port, keeping what it had', async () => {
    const transport = transportTo(server);
    await transport.sendMail({
      from: 'a@relais.test',
      to: 'b@relais.test',
      subject: '1',
      text: '1',
    });
    await server.stop();
    expect(trackedRunning()).not.toContain(`SMTP test server on port ${server.port}`);

    await expect(
      transport.sendMail({ from: 'a@relais.test', to: 'b@relais.test', subject: '2', text: '2' }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/ECONNECTION|ESOCKET/) as unknown });

    await server.start();
    expect(trackedRunning()).toContain(`SMTP test server on port ${server.port}`);
    await transport.sendMail({
      from: 'a@relais.test',
      to: 'b@relais.test',
      subject: '3',
      text: '3',
    });

    const messages = await server.waitForMessages(2);
    expect(messages.map((message) => message.subject)).toEqual(['1', '3']);
  });
});
