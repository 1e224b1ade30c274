import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MailOutcomeUnknownError,
  MailSendError,
  MailThrottledError,
  type OutgoingMessage,
} from '../../../lambdas/mail/ports';
import { SesRawMailer } from '../../../lambdas/mail/ses-mailer';

const ses = mockClient(SESClient);
afterEach(() => ses.reset());

const message: OutgoingMessage = {
  from: '"Digest" <digest@example.org>',
  to: 'reader@example.net',
  subject: 'Hello',
  html: '<p>Hi</p>',
  text: 'Hi',
};
const awsError = (name: string, status?: number, text = name) =>
  Object.assign(new Error(text), { name, $metadata: status ? { httpStatusCode: status } : {} });
const mailer = () => new SesRawMailer(new SESClient({ region: 'us-east-1' }), { configurationSet: 'events' });

describe('SesRawMailer', () => {
  it('sends raw MIME with the configuration set and returns the SES id', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });
    expect(await mailer().send(message)).toEqual({ id: 'm-1' });
    const input = ses.commandCalls(SendRawEmailCommand)[0]!.args[0].input;
    expect(input.ConfigurationSetName).toBe('events');
    expect(Buffer.from(input.RawMessage!.Data!).toString()).toContain('Subject: Hello');
  });

  it('reports throttling as MailThrottledError', async () => {
    ses.on(SendRawEmailCommand).rejects(awsError('Throttling', 400, 'Maximum sending rate exceeded.'));
    await expect(mailer().send(message)).rejects.toBeInstanceOf(MailThrottledError);
  });

  it('reports a 4xx refusal as MailSendError', async () => {
    ses.on(SendRawEmailCommand).rejects(awsError('MessageRejected', 400));
    await expect(mailer().send(message)).rejects.toBeInstanceOf(MailSendError);
  });

  it('reports a 5xx or a network failure as an unknown outcome, not a refusal', async () => {
    ses.on(SendRawEmailCommand).rejects(awsError('InternalFailure', 500));
    await expect(mailer().send(message)).rejects.toBeInstanceOf(MailOutcomeUnknownError);
    ses.on(SendRawEmailCommand).rejects(awsError('TimeoutError'));
    await expect(mailer().send(message)).rejects.toBeInstanceOf(MailOutcomeUnknownError);
  });
});
