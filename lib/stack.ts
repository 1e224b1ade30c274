import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { type DeployConfig, STACK_OUTPUT } from './config';
import { DigestDelivery } from './digest-delivery';
import { Ingestion } from './ingestion';
import { Monitoring } from './monitoring';
import { acknowledge } from './nag';
import { Storage } from './storage';
import { Subscriptions } from './subscriptions';

export interface AntiwarDigestStackProps extends StackProps {
  readonly config: DeployConfig;
}

/** Composes one construct per capability; resources shared between capabilities are made here. */
export class AntiwarDigestStack extends Stack {
  readonly storage: Storage;
  readonly ingestion: Ingestion;
  readonly digestDelivery: DigestDelivery;
  readonly subscriptions: Subscriptions;
  readonly tokenSecret: secretsmanager.Secret;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: AntiwarDigestStackProps) {
    const prod = props.config.stage === 'prod';
    // A prod stack cannot be deleted by a stray `cdk destroy`; the table and key are RETAINed too.
    super(scope, id, { terminationProtection: prod, ...props });
    const { config } = props;

    this.storage = new Storage(this, 'Storage', { retain: prod });

    // Secrets Manager rather than an SSM SecureString, which CloudFormation cannot create. Losing it
    // would break every unsubscribe link already sent, hence RETAIN in prod.
    this.tokenSecret = new secretsmanager.Secret(this, 'LinkTokenSecret', {
      description: 'HMAC key of the unsubscribe and preferences links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.tokenSecret,
      'SMG4',
      'The key signs every unsubscribe and preferences link already sent, and those links must keep working for at least a year (R30); rotating it would break them all. Rotate by hand only after a leak.',
    );

    this.ingestion = new Ingestion(this, 'Ingestion', {
      table: this.storage.table,
      feeds: config.feeds,
      schedule: config.ingestSchedule,
      allowPrivateNetwork: config.allowPrivateNetwork,
    });

    this.digestDelivery = new DigestDelivery(this, 'DigestDelivery', {
      table: this.storage.table,
      tokenSecret: this.tokenSecret,
      senderAddress: config.senderAddress,
      senderName: config.senderName,
      senderDomain: config.senderDomain,
      postalAddress: config.postalAddress,
      publicBaseUrl: config.publicBaseUrl,
      timeZone: config.timeZone,
      sendRatePerSecond: config.sendRatePerSecond,
      dailyQuota: config.dailyQuota,
    });

    this.subscriptions = new Subscriptions(this, 'Subscriptions', {
      table: this.storage.table,
      tokenSecret: this.tokenSecret,
      mail: this.digestDelivery,
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      operatorEmail: config.operatorEmail,
      mode: config.monitoring,
      deadLetterQueues: {
        IngestionRuns: this.ingestion.deadLetterQueue,
        IngestionMessages: this.ingestion.workQueue.deadLetterQueue,
        DigestRuns: this.digestDelivery.deadLetterQueue,
        DigestMessages: this.digestDelivery.workQueue.deadLetterQueue,
        SesEvents: this.subscriptions.deadLetterQueue,
      },
      ingestQueue: this.ingestion.workQueue.queue,
      workQueues: {
        IngestionWork: this.ingestion.workQueue.queue,
        DigestWork: this.digestDelivery.workQueue.queue,
      },
      functions: {
        IngestPlanner: this.ingestion.function.fn,
        IngestWorker: this.ingestion.worker.fn,
        DigestPlanner: this.digestDelivery.function.fn,
        DigestSender: this.digestDelivery.sender.fn,
        Web: this.subscriptions.webFunction.fn,
        ...(this.subscriptions.readingFunction ? { Reading: this.subscriptions.readingFunction.fn } : {}),
        SesEvents: this.subscriptions.eventsFunction.fn,
      },
    });

    const output = (key: string, value: string, description: string) =>
      new CfnOutput(this, key, { key, value, description });
    output(STACK_OUTPUT.tableName, this.storage.table.tableName, 'The single DynamoDB table');
    output(STACK_OUTPUT.ingestFunctionName, this.ingestion.function.fn.functionName, 'Ingestion Lambda');
    output(STACK_OUTPUT.digestFunctionName, this.digestDelivery.function.fn.functionName, 'Digest Lambda');
    output(STACK_OUTPUT.tokenSecretName, this.tokenSecret.secretName, 'Link-signing key (Secrets Manager)');
    output(
      STACK_OUTPUT.configurationSetName,
      this.digestDelivery.configurationSet.configurationSetName,
      'SES configuration set of every message',
    );
    output(STACK_OUTPUT.alarmTopicArn, this.monitoring.topic.topicArn, 'Alarm notifications (SNS)');
    output(
      STACK_OUTPUT.apiUrl,
      this.subscriptions.api.apiEndpoint,
      'Subscription pages (point publicBaseUrl here)',
    );
  }
}
