/** The mail port: SES (SendRawEmail) in AWS and against aws-ses-v2-local, an outbox folder offline. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe (R29). */
  headers?: Record<string, string>;
  /** Message-ID to set, without angle brackets. */
  messageId?: string;
}

export interface SentMessage {
  /** Provider's id (SES MessageId) or the outbox file path. */
  id: string;
  location?: string;
}

/** Thrown for throttling, so senders can back off and retry (R34). */
export class MailThrottledError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailThrottledError';
  }
}

export class MailSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailSendError';
  }
}

/**
 * The provider may or may not have accepted the message (a timeout, a dropped connection, a 5xx
 * after the request went out). Senders must not retry it blindly: that could send twice (R33).
 */
export class MailOutcomeUnknownError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailOutcomeUnknownError';
  }
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<SentMessage>;
}
