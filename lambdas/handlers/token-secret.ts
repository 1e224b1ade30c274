/** The link-signing key, read from Secrets Manager once per cold start. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../shared/names';
import { ConfigurationError, requireEnv } from './env';

let cached: Promise<string> | undefined;

export function tokenSecret(): Promise<string> {
  cached ??= (async () => {
    const client = new SecretsManagerClient({});
    try {
      const out = await client.send(
        new GetSecretValueCommand({ SecretId: requireEnv(ENV.tokenSecretParameter) }),
      );
      if (!out.SecretString) throw new ConfigurationError('the token secret is empty');
      return out.SecretString;
    } finally {
      client.destroy();
    }
  })().catch((err) => {
    cached = undefined; // a transient failure must not poison the warm instance
    throw err;
  });
  return cached;
}
