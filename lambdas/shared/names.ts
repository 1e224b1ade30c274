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
  /** Digests per date at most (the SES sandbox guard, R34); 0 turns the guard off. */
  dailyQuota: 'DAILY_QUOTA',
  allowPrivateNetwork: 'ALLOW_PRIVATE_NETWORK',
  tokenSecretParameter: 'TOKEN_SECRET_PARAMETER',
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  sesEndpoint: 'SES_ENDPOINT',
  /** Scale-out work queues (lib/ingestion.ts, lib/digest-delivery.ts). */
  ingestQueueUrl: 'INGEST_QUEUE_URL',
  digestQueueUrl: 'DIGEST_QUEUE_URL',
  /** Senders at once; each paces itself at SEND_RATE_PER_SECOND divided by it. */
  senderConcurrency: 'SENDER_CONCURRENCY',
  /** 'lean' emits only LEAN_METRICS (handlers/metric-names.ts); unset or 'full' emits every metric. */
  metricsDetail: 'METRICS_DETAIL',
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
