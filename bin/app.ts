#!/usr/bin/env node
/** The CDK app: `npx cdk synth` / `npx cdk deploy` run this (see cdk.json). */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONFIG_KEYS, ConfigError, type DeployConfig, loadConfig, STACK_NAME } from '../lib/config';
import { AntiwarDigestStack } from '../lib/stack';

const app = new App();

let config: DeployConfig;
try {
  config = loadConfig(Object.fromEntries(CONFIG_KEYS.map((key) => [key, app.node.tryGetContext(key)])));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // A stack trace would bury the list of bad keys.
  console.error(error.message);
  process.exit(1);
}

new AntiwarDigestStack(app, STACK_NAME, {
  config,
  description: `antiwar-digest (${config.stage}): feed ingestion and the daily email digest`,
  tags: { project: 'antiwar-digest', stage: config.stage },
});

// cdk-nag v3 is a policy-validation plugin, not an Aspect: an unacknowledged finding fails the synth
// (R36). The acknowledgements, each with its reason, sit on the resources in lib/.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
