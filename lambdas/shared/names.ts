/** One source of truth for names shared by the CDK constructs and the handlers. */
export const ENV = {
  tableName: 'TABLE_NAME',
  feeds: 'FEEDS_JSON',
  senderAddress: 'SENDER_ADDRESS',
  senderName: 'SENDER_NAME',
  postalAddress: 'POSTAL_ADDRESS',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  timeZone: 'DIGEST_TIME_ZONE',
  configurationSet: 'SES_CONFIGURATION_SET',
  sendRatePerSecond: 'SEND_RATE_PER_SECOND',
  allowPrivateNetwork: 'ALLOW_PRIVATE_NETWORK',
  tokenSecretParameter: 'TOKEN_SECRET_PARAMETER',
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  sesEndpoint: 'SES_ENDPOINT',
} as const;

export const DEFAULT_TABLE_NAME = 'antiwar-digest';

/** Table attribute names. Key formats live in store/keys.ts. */
export const TABLE = {
  pk: 'PK',
  sk: 'SK',
  gsi1: 'GSI1',
  gsi1pk: 'GSI1PK',
  gsi1sk: 'GSI1SK',
  gsi2: 'GSI2',
  gsi2pk: 'GSI2PK',
  gsi2sk: 'GSI2SK',
  ttl: 'expiresAt',
} as const;
