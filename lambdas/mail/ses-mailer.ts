/** Sends through SES SendRawEmail, so our own headers (List-Unsubscribe, Message-ID) go out as built. */
import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { composeMime } from './mime';
import {
  type Mailer,
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
    const data = await composeMime(message);
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
      const e = err as { name?: string; message?: string };
      // SES reports exceeding the send rate as a Throttling error whose message names the rate.
      if (THROTTLING.has(e.name ?? '') || /maximum sending rate/i.test(e.message ?? '')) {
        throw new MailThrottledError(`SES throttled the send to ${message.to}`, { cause: err });
      }
      throw new MailSendError(`SES refused the message to ${message.to}: ${e.message ?? e.name}`, {
        cause: err,
      });
    }
  }
}
