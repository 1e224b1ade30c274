/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (lib/function.ts
 * aliases it): Lambda always hands a function its role's credentials in the environment, which is
 * the first link of the SDK's default chain anyway. The rest of the chain (profiles, SSO, STS web
 * identity, process, container and instance metadata) is about 95 KiB of bundle that a Lambda never
 * runs. Local tools and tests use the real chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
