/**
 * The public side: the subscription pages and archive behind an HTTP API, and the Lambda that turns
 * SES bounce and complaint events into subscriber states (R32).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ENV } from '../lambdas/shared/names';
import { grantItems } from './access';
import { DeadLetterQueue } from './dead-letter-queue';
import { AppFunction } from './function';
import { acknowledge } from './nag';

/** What this construct needs of the mail-sending capability (DigestDelivery provides it). */
export interface MailSending {
  /** Every message goes through it; SES publishes its bounces and complaints from here. */
  readonly configurationSet: ses.IConfigurationSet;
  /** Sender, footer, public base URL, time zone, configuration set and link key, as env vars. */
  readonly mailEnvironment: Record<string, string>;
  /** Lets a function send raw mail from the sender identity only (R38). */
  grantSendEmail(grantee: iam.IGrantable): void;
}

export interface SubscriptionsProps {
  readonly table: dynamodb.ITable;
  /** Signs and checks the unsubscribe and preferences links. */
  readonly tokenSecret: secretsmanager.ISecret;
  readonly mail: MailSending;
  /** Custom domain of the pages, with an ACM certificate in the stack's region. @default the execute-api URL */
  readonly domain?: { readonly domainName: string; readonly certificate: acm.ICertificate };
  /** Requests per second across every instance (the per-IP limit is per instance). @default 20 */
  readonly throttleRatePerSecond?: number;
  /** @default 40 */
  readonly throttleBurst?: number;
  /** Lets the web function read the stored editions the archive serves. @default true */
  readonly archive?: boolean;
  /**
   * The archive's own limit, requests per second across every instance, so a flood of archive
   * requests is refused at the API before it can take the capacity unsubscribes need. @default 5
   */
  readonly archiveRatePerSecond?: number;
  /** @default 10 */
  readonly archiveBurst?: number;
  /**
   * Serves the Atom feeds and the actor pages, from a function of their own that reads articles,
   * their topic and actor entries and the editions, and nothing else. @default true
   */
  readonly publish?: boolean;
  /**
   * The feeds' and actor pages' own limit, requests per second across every instance and per
   * route, like the archive's: a crawler or a crowd of feed readers cannot take what unsubscribes
   * need. @default 5
   */
  readonly readingRatePerSecond?: number;
  /** @default 10 */
  readonly readingBurst?: number;
}

/** The archive's routes, throttled apart from every other page (the `$default` route). */
export const ARCHIVE_ROUTES = ['GET /archive', 'GET /archive/{proxy+}'] as const;
/**
 * The feeds' and actor pages' routes, to their own function and throttled apart in the same way
 * (any method: the function answers GET and HEAD, and 405 to the rest).
 */
export const READING_ROUTES = ['ANY /feeds/{proxy+}', 'ANY /actors', 'ANY /actors/{proxy+}'] as const;

export class Subscriptions extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly webFunction: AppFunction;
  /** The feeds and actor pages (when `publish`). */
  readonly readingFunction?: AppFunction;
  readonly eventsFunction: AppFunction;
  readonly eventsTopic: sns.Topic;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly domainName?: apigwv2.DomainName;

  constructor(scope: Construct, id: string, props: SubscriptionsProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue');

    this.webFunction = new AppFunction(this, 'Web', {
      entry: 'lambdas/handlers/api.ts',
      description: 'Subscription pages, one-click unsubscribe and the digest archive',
      memorySize: 512,
      timeout: Duration.seconds(15),
      environment: { ...props.mail.mailEnvironment, [ENV.tableName]: props.table.tableName },
    });
    // Subscriber records and locks, the request counters, and a deleted subscriber's send records
    // (erasure). Never feeds or articles, never a Scan. A confirmed subscriber's zone goes on the
    // delivery index's zone list ('delivery'); the archive reads stored editions only.
    grantItems(this.webFunction, props.table, {
      read: [
        ...((props.archive ?? true) ? (['editions'] as const) : []),
        'subscribers',
        'addresses',
        'limits',
      ],
      write: ['subscribers', 'addresses', 'limits', 'delivery'],
      remove: ['sends'],
    });
    props.tokenSecret.grantRead(this.webFunction);
    props.mail.grantSendEmail(this.webFunction);

    // The feeds and actor pages: articles' heads, their topic and actor entries and the editions'
    // manifests, read only; no subscriber, no mail, no link key. Its own function, so the web
    // function above keeps no access to articles, and a crawler's cold starts are not its.
    const publish = props.publish ?? true;
    if (publish) {
      const env = props.mail.mailEnvironment;
      this.readingFunction = new AppFunction(this, 'Reading', {
        entry: 'lambdas/handlers/reading.ts',
        description: 'Atom feeds of topics, actors and the daily editions, and the actor pages',
        memorySize: 512,
        timeout: Duration.seconds(15),
        environment: {
          ...Object.fromEntries(
            [ENV.senderName, ENV.postalAddress, ENV.publicBaseUrl, ENV.timeZone].map((k) => [
              k,
              env[k] ?? '',
            ]),
          ),
          [ENV.tableName]: props.table.tableName,
        },
      });
      grantItems(this.readingFunction, props.table, { read: ['articles', 'editions'] });
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const integration = new HttpLambdaIntegration('Web', this.webFunction.fn, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    });
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Antiwar Digest subscription pages',
      defaultIntegration: integration,
      createDefaultStage: false,
      disableExecuteApiEndpoint: false,
    });
    // Own routes: HTTP API throttles each route apart, so the archive's and the reading pages'
    // limits below leave the $default route (subscribe, preferences, one-click unsubscribe) its own.
    const reading = this.readingFunction
      ? new HttpLambdaIntegration('Reading', this.readingFunction.fn, {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        })
      : undefined;
    const routes = [
      ...ARCHIVE_ROUTES.map((route) => [route, integration] as const),
      ...(reading ? READING_ROUTES.map((route) => [route, reading] as const) : []),
    ].flatMap(([route, target]) => {
      const [method, path] = route.split(' ') as [string, string];
      return this.api.addRoutes({ path, methods: [method as apigwv2.HttpMethod], integration: target });
    });
    acknowledge(
      this.api,
      'APIG4',
      'Public subscription pages by design: anyone may subscribe, and one-click unsubscribe must work with no login (RFC 8058, R30); link tokens are HMAC-signed and the stage is throttled.',
    );
    if (props.domain) {
      this.domainName = new apigwv2.DomainName(this, 'DomainName', {
        domainName: props.domain.domainName,
        certificate: props.domain.certificate,
      });
    }
    const stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRatePerSecond ?? 20, burstLimit: props.throttleBurst ?? 40 },
      ...(this.domainName ? { domainMapping: { domainName: this.domainName } } : {}),
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // $context.path has no query string, so link tokens never reach the access log.
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const archiveLimit = {
      ThrottlingRateLimit: props.archiveRatePerSecond ?? 5,
      ThrottlingBurstLimit: props.archiveBurst ?? 10,
    };
    const readingLimit = {
      ThrottlingRateLimit: props.readingRatePerSecond ?? 5,
      ThrottlingBurstLimit: props.readingBurst ?? 10,
    };
    (stage.node.defaultChild as apigwv2.CfnStage).routeSettings = Object.fromEntries([
      ...ARCHIVE_ROUTES.map((route) => [route, archiveLimit]),
      ...(reading ? READING_ROUTES.map((route) => [route, readingLimit]) : []),
    ]);
    // A stage's route settings name routes that must exist first.
    for (const route of routes) stage.node.addDependency(route);

    // SES publishes into an encrypted topic only with a customer-managed key it may use.
    const topicKey = new kms.Key(this, 'EventsTopicKey', {
      description: 'Encrypts SES bounce and complaint notifications',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'], // in a key policy "*" means this key
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.eventsTopic = new sns.Topic(this, 'SesEvents', {
      displayName: 'SES bounces and complaints',
      masterKey: topicKey,
      enforceSSL: true,
    });
    new ses.ConfigurationSetEventDestination(this, 'BouncesAndComplaints', {
      configurationSet: props.mail.configurationSet,
      destination: ses.EventDestination.snsTopic(this.eventsTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    this.eventsFunction = new AppFunction(this, 'SesEventsHandler', {
      entry: 'lambdas/handlers/ses-events.ts',
      description: 'Unsubscribes on complaints and deactivates on permanent bounces',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: { [ENV.tableName]: props.table.tableName },
      // Idempotent, so Lambda's own retries are safe; what still fails lands in the queue (R37).
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    grantItems(this.eventsFunction, props.table, {
      read: ['subscribers', 'addresses'],
      write: ['subscribers', 'addresses', 'delivery'],
    });
    this.eventsTopic.addSubscription(
      new subscriptions.LambdaSubscription(this.eventsFunction.fn, { deadLetterQueue: this.deadLetterQueue }),
    );
  }

  /** The base URL of the pages: the custom domain when given, else the API's own URL. */
  get url(): string {
    return this.domainName ? `https://${this.domainName.name}` : (this.api.apiEndpoint as string);
  }
}
