/**
 * Powertools Logger behind the Log port: structured JSON with the service name, level from
 * POWERTOOLS_LOG_LEVEL (default INFO), so it changes without a code deploy.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../shared/log';

export const logger = new Logger({ serviceName: 'antiwar-digest' });

// Powertools takes fields as its second argument too; this only narrows its overloads to Log.
export const log: Log = {
  debug: (message, fields) => logger.debug(message, fields ?? {}),
  info: (message, fields) => logger.info(message, fields ?? {}),
  warn: (message, fields) => logger.warn(message, fields ?? {}),
  error: (message, fields) => logger.error(message, fields ?? {}),
};
