/** Sends through SES SendRawEmail, so our own headers (List-Unsubscribe, Message-ID) go out as built. */
import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { composeMime } from './mime';
import {
  type Mailer,
  MailOutcomeUnknownError,
  MailSendError,
  MailThrottledError,
  type OutgoingMessage,
  type SentMessage,
} from './ports';

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);

export class SesRawMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly options: { configurationSet?: string; sourceArn?: string } = {},
  ) {}

  async send(message: OutgoingMessage): Promise<SentMessage> {
    let data: Buffer;
    try {
      data = await composeMime(message);
    } catch (err) {
      throw new MailSendError(`could not compose the message to ${message.to}`, { cause: err });
    }
    try {
      const out = await this.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: data },
          ConfigurationSetName: this.options.configurationSet,
          SourceArn: this.options.sourceArn,
        }),
      );
      return { id: out.MessageId ?? '' };
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      // SES reports exceeding the send rate as a Throttling error whose message names the rate.
      if (THROTTLING.has(e.name ?? '') || /maximum sending rate/i.test(e.message ?? '')) {
        throw new MailThrottledError(`SES throttled the send to ${message.to}`, { cause: err });
      }
      // Only a 4xx answer proves SES refused the message; a 5xx, a timeout or a dropped connection
      // leaves open whether it went out, and retrying those could send it twice (R33).
      const status = e.$metadata?.httpStatusCode;
      if (status !== undefined && status >= 400 && status < 500) {
        throw new MailSendError(`SES refused the message to ${message.to}: ${e.message ?? e.name}`, {
          cause: err,
        });
      }
      throw new MailOutcomeUnknownError(
        `SES may or may not have accepted the message to ${message.to}: ${e.message ?? e.name}`,
        { cause: err },
      );
    }
  }
}
