/**
 * Local tools, tests and benchmarks run on Node 20 by design (the Lambdas run on 22): the AWS SDK's
 * notice about its future Node 22 floor is noise in their output. Call before creating a client.
 */
export function quietSdkNodeNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
