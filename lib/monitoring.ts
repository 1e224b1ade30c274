import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LEAN_METRICS, METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../lambdas/handlers/metric-names';
import { ENV } from '../lambdas/shared/names';
import type { MonitoringMode } from './config';
import { acknowledge } from './nag';

/** Alarm thresholds; the SES ones sit at the rates where SES starts to warn about an account. */
export const ALARM_THRESHOLDS = {
  /** Share of attempted feeds failing in an hour (ignored under 10 attempts). */
  feedFailureRatio: 0.25,
  /** SES puts an account under review at 10 % bounces; 5 % is the warning line. */
  sesBounceRate: 0.05,
  /** SES reviews at 0.5 % complaints; mailbox providers want under 0.1 %. */
  sesComplaintRate: 0.001,
  /** Oldest ingestion message: a backlog older than this overlaps the next run. */
  ingestBacklogMinutes: 25,
} as const;

export interface MonitoringProps {
  /** Receives every alarm by email (confirm the subscription SNS sends). @default no subscription */
  readonly operatorEmail?: string;
  /**
   * 'lean' keeps only the alarms that protect subscribers and the sender's reputation (dead letters,
   * failed digests, SES bounce and complaint rates) and tells the functions to emit LEAN_METRICS only.
   * @default 'full'
   */
  readonly mode?: MonitoringMode;
  /** Each alarms when it holds a message. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** Each alarms on errors and on throttles (full mode) and is told which metrics to emit. */
  readonly functions: Record<string, lambda.Function>;
  /** The ingestion work queue: its oldest message age is watched. */
  readonly ingestQueue?: sqs.IQueue;
  /** Work queues shown on the dashboard. @default none */
  readonly workQueues?: Record<string, sqs.IQueue>;
}

/**
 * The operator's view: alarms to an SNS topic (with the operator's email) and one dashboard of the
 * custom metrics the handlers emit (Powertools EMF), the SES reputation, the queues and the functions.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const full = (props.mode ?? 'full') === 'full';
    // The functions emit what the alarms and the dashboard read, and no more.
    for (const fn of Object.values(props.functions))
      fn.addEnvironment(ENV.metricsDetail, full ? 'full' : 'lean');
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Antiwar Digest alarms',
      enforceSSL: true,
    });
    acknowledge(
      this.topic,
      'SNS2',
      'Alarm notifications carry alarm names and metric values, no personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key would cost $1 a month to protect nothing.',
    );
    if (props.operatorEmail)
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.operatorEmail));

    const custom = (name: string, statistic = 'Sum', period = Duration.hours(1)) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: SERVICE_NAME },
        statistic,
        period,
      });
    // A lean deployment does not emit the others: charting them would only draw empty lines.
    const customs = (...names: string[]) =>
      names.filter((n) => full || LEAN_METRICS.includes(n)).map((n) => custom(n));
    const ses = (name: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName: name,
        statistic: 'Maximum',
        period: Duration.hours(1),
      });

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}DeadLetters`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        description: `${name}: a failed run or message is in the dead-letter queue (runbook: "A dead-letter queue is not empty").`,
      });
    }

    const feedFailureRatio = new cloudwatch.MathExpression({
      expression: 'IF(attempted >= 10, failed / attempted, 0)',
      usingMetrics: { attempted: custom(METRIC.feedsAttempted), failed: custom(METRIC.feedFailed) },
      period: Duration.hours(1),
      label: 'feed failure ratio',
    });
    if (full) {
      this.alarm('FeedFailureRatio', {
        metric: feedFailureRatio,
        threshold: ALARM_THRESHOLDS.feedFailureRatio,
        evaluationPeriods: 2,
        description: `More than ${ALARM_THRESHOLDS.feedFailureRatio * 100} % of the feeds attempted failed for two hours (runbook: "Feed failure ratio").`,
      });
      this.alarm('FeedsDisabled', {
        metric: new cloudwatch.MathExpression({
          expression: 'gone + disabled',
          usingMetrics: { gone: custom(METRIC.feedGone), disabled: custom(METRIC.feedDisabled) },
          period: Duration.hours(1),
        }),
        threshold: 1,
        description:
          'A feed answered 410 Gone or failed for 30 days and was disabled (R10, R14; runbook: "Feed disabled").',
      });
    }
    this.alarm('DigestsFailed', {
      metric: custom(METRIC.digestsFailed),
      threshold: 1,
      description: 'Digests could not be sent to some subscribers (runbook: "Digests failed").',
    });
    if (full) {
      this.alarm('DigestsUncertain', {
        metric: custom(METRIC.digestsUncertain),
        threshold: 1,
        description:
          'A digest send was left claimed with no known outcome: SES may or may not have delivered it, and it is never resent by itself (runbook: "Uncertain sends").',
      });
    }
    this.alarm('SesBounceRate', {
      metric: ses('Reputation.BounceRate'),
      threshold: ALARM_THRESHOLDS.sesBounceRate,
      description:
        'SES account bounce rate at the 5 % warning line; SES reviews the account at 10 % (runbook: "SES bounce or complaint rate").',
    });
    this.alarm('SesComplaintRate', {
      metric: ses('Reputation.ComplaintRate'),
      threshold: ALARM_THRESHOLDS.sesComplaintRate,
      description:
        'SES account complaint rate at 0.1 %; SES reviews the account at 0.5 % (runbook: "SES bounce or complaint rate").',
    });
    if (full && props.ingestQueue) {
      this.alarm('IngestBacklog', {
        metric: props.ingestQueue.metricApproximateAgeOfOldestMessage({
          statistic: 'Maximum',
          period: Duration.minutes(5),
        }),
        threshold: ALARM_THRESHOLDS.ingestBacklogMinutes * 60,
        evaluationPeriods: 2,
        description: 'Ingestion messages wait longer than a run interval (runbook: "Ingestion backlog").',
      });
    }
    for (const [name, fn] of full ? Object.entries(props.functions) : []) {
      this.alarm(`${name}Errors`, {
        metric: fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
        description: `${name}: invocations failed (runbook: "Lambda errors").`,
      });
      this.alarm(`${name}Throttles`, {
        metric: fn.metricThrottles({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
        description: `${name}: invocations throttled (runbook: "Lambda throttles").`,
      });
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          graph(
            'Feeds per hour',
            customs(METRIC.feedsAttempted, METRIC.feedsFetched, METRIC.feedsNotModified, METRIC.feedFailed),
          ),
          graph('Feed failure ratio', [feedFailureRatio]),
          graph(
            full ? 'Articles and stories per hour' : 'Articles per hour',
            customs(METRIC.articlesNew, METRIC.articlesUpdated, METRIC.storiesClustered),
          ),
        ],
        [
          graph(
            'Digests per hour',
            customs(METRIC.digestsSent, METRIC.digestsSkipped, METRIC.digestsFailed, METRIC.digestsUncertain),
          ),
          ...(full
            ? [
                graph('Send latency (ms)', [
                  custom(METRIC.sendLatency, 'p50', Duration.minutes(5)),
                  custom(METRIC.sendLatency, 'p99', Duration.minutes(5)),
                ]),
              ]
            : []),
          graph('Bounces and complaints', customs(METRIC.bounces, METRIC.complaints)),
          graph('SES reputation', [ses('Reputation.BounceRate'), ses('Reputation.ComplaintRate')]),
        ],
        [
          graph(
            'Queues: messages waiting',
            Object.entries({ ...props.workQueues, ...props.deadLetterQueues }).map(([name, q]) =>
              q.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }),
            ),
          ),
          graph(
            'Lambda errors and throttles',
            Object.entries(props.functions).flatMap(([name, fn]) => [
              fn.metricErrors({ label: `${name} errors` }),
              fn.metricThrottles({ label: `${name} throttles` }),
            ]),
          ),
          graph(
            'Lambda duration p90 (ms)',
            Object.entries(props.functions).map(([name, fn]) =>
              fn.metricDuration({ label: name, statistic: 'p90' }),
            ),
          ),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }

  private alarm(
    id: string,
    opts: { metric: cloudwatch.IMetric; threshold: number; description: string; evaluationPeriods?: number },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric: opts.metric,
      threshold: opts.threshold,
      evaluationPeriods: opts.evaluationPeriods ?? 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing ran or nothing failed: neither is an alarm.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: opts.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width: 8, height: 6 });
}
