/**
 * cdk-nag acknowledgements, kept narrow: on the resource (or the construct that owns it), and for
 * IAM5 on the one finding (`IAM5[Resource::...]`), each with its reason (R36).
 */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges AwsSolutions-`rule` on `scope` and everything under it. */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/** The logical id of a construct's CloudFormation resource, as cdk-nag prints it in finding ids. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(element.logicalId) as string;
}

/**
 * IAM5 of the role EventBridge Scheduler gets to invoke a function: CDK allows `<fn.Arn>:*` so that
 * every version and alias of that one function can be the target.
 */
export function acknowledgeSchedulerInvoke(fn: IConstruct): void {
  acknowledge(
    Stack.of(fn),
    `IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
    'The schedule role may invoke this one function and its versions/aliases (":*"), as the CDK Scheduler target writes it; no other function.',
  );
}
