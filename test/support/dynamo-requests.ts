/**
 * Counts the DynamoDB requests a document client sends, by operation, and the items each read asks
 * for (the keys of a BatchGetItem, one for a GetItem), so a test or benchmark can say what one
 * request of ours cost the table.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCount {
  /** Requests by operation ("Query", "BatchGetItem", ...). */
  byOperation: Record<string, number>;
  /** Items asked for by GetItem and BatchGetItem, by key prefix ("A#" for articles). */
  itemsRead: Record<string, number>;
  total: number;
}

export function countRequests(doc: DynamoDBDocumentClient): { take(): RequestCount } {
  let current = empty();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      const input = args.input as {
        Key?: { PK?: { S?: string } };
        RequestItems?: Record<string, { Keys?: { PK?: { S?: string } }[] }>;
      };
      current.byOperation[op] = (current.byOperation[op] ?? 0) + 1;
      current.total++;
      const keys = [
        ...(input.Key ? [input.Key] : []),
        ...Object.values(input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []),
      ];
      for (const k of keys) {
        const prefix = /^[A-Z]+#/.exec(k.PK?.S ?? '')?.[0] ?? String(k.PK?.S);
        current.itemsRead[prefix] = (current.itemsRead[prefix] ?? 0) + 1;
      }
      return next(args);
    },
    { step: 'build', name: 'countRequests' },
  );
  return {
    take() {
      const out = current;
      current = empty();
      return out;
    },
  };
}

const empty = (): RequestCount => ({ byOperation: {}, itemsRead: {}, total: 0 });
