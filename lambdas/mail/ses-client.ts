/**
 * The one way to build an SES client here: a single attempt per call. The SDK's default retries
 * would resend after a 5xx or a timeout although SES may already have accepted the message, which
 * is how a reader gets two copies (R33). Throttling is retried by the digest itself, after it has
 * released its claim (digest/run-digest.ts); an unknown outcome is reported, never retried.
 */
import { SESClient, type SESClientConfig } from '@aws-sdk/client-ses';

export const SES_MAX_ATTEMPTS = 1;

export function createSesClient(
  config: Omit<SESClientConfig, 'maxAttempts' | 'retryStrategy'> = {},
): SESClient {
  return new SESClient({ ...config, maxAttempts: SES_MAX_ATTEMPTS });
}
