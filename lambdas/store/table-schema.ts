/**
 * The single table's key schema, shared by the CDK storage construct and the local table creation,
 * so the two cannot drift. Item key formats are in keys.ts.
 */
import { TABLE } from '../shared/names';

export const KEY_ATTRIBUTES = [
  TABLE.pk,
  TABLE.sk,
  TABLE.gsi1pk,
  TABLE.gsi1sk,
  TABLE.gsi2pk,
  TABLE.gsi2sk,
] as const;

export const PRIMARY_KEY = { partition: TABLE.pk, sort: TABLE.sk } as const;

/** Both GSIs project all attributes: readers get whole items from one query. */
export const GLOBAL_INDEXES = [
  { name: TABLE.gsi1, partition: TABLE.gsi1pk, sort: TABLE.gsi1sk },
  { name: TABLE.gsi2, partition: TABLE.gsi2pk, sort: TABLE.gsi2sk },
] as const;

export const TTL_ATTRIBUTE = TABLE.ttl;

/** CreateTable input for local stores (dynalite) and tests. */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: KEY_ATTRIBUTES.map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: PRIMARY_KEY.partition, KeyType: 'HASH' as const },
      { AttributeName: PRIMARY_KEY.sort, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: GLOBAL_INDEXES.map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partition, KeyType: 'HASH' as const },
        { AttributeName: g.sort, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
