/**
 * Least privilege by key (R38, issue 12): every function reaches only its own item families of the
 * single table, by `dynamodb:LeadingKeys` conditions on the partition keys of ITEM_FAMILIES
 * (lambdas/store/keys.ts). No grant here includes Scan: a Scan carries no partition key to check.
 *
 * Each statement pairs `ForAllValues:StringLike` with `Null: false`, because ForAllValues alone is
 * true for a request that carries no key at all. Index queries are granted on the named index ARNs,
 * where LeadingKeys is the index's partition key, so no statement needs a wildcard resource.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ITEM_FAMILIES, type ItemFamily, type ItemFamilyName } from '../lambdas/store/keys';

export type { ItemFamilyName };

export interface ItemAccess {
  /** GetItem, BatchGetItem and Query, on the table and on the families' index partitions. */
  readonly read?: readonly ItemFamilyName[];
  /** PutItem, UpdateItem, DeleteItem and BatchWriteItem. */
  readonly write?: readonly ItemFamilyName[];
  /** UpdateItem only: targeted, conditional attribute changes. */
  readonly update?: readonly ItemFamilyName[];
  /** DeleteItem and BatchWriteItem (erasure). */
  readonly remove?: readonly ItemFamilyName[];
}

export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;
const UPDATE_ACTIONS = ['dynamodb:UpdateItem'] as const;
const REMOVE_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;

/** The condition that limits a statement to items whose partition key matches one of `patterns`. */
export function leadingKeys(patterns: readonly string[]): Record<string, Record<string, unknown>> {
  return {
    'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...new Set(patterns)].sort() },
    Null: { 'dynamodb:LeadingKeys': 'false' },
  };
}

/** Grants `grantee` the item families of `table` it names, and nothing else of the table. */
export function grantItems(grantee: iam.IGrantable, table: dynamodb.ITable, access: ItemAccess): void {
  const add = (actions: readonly string[], resources: string[], patterns: readonly string[]) => {
    if (patterns.length === 0) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...actions], resources, conditions: leadingKeys(patterns) }),
    );
  };
  const tablePatterns = (names: readonly ItemFamilyName[] = []) =>
    names.flatMap((n) => ITEM_FAMILIES[n].table);

  add(READ_ACTIONS, [table.tableArn], tablePatterns(access.read));
  for (const [index, patterns] of indexPatterns(access.read ?? [])) {
    add(['dynamodb:Query'], [`${table.tableArn}/index/${index}`], patterns);
  }
  add(WRITE_ACTIONS, [table.tableArn], tablePatterns(access.write));
  add(UPDATE_ACTIONS, [table.tableArn], tablePatterns(access.update));
  add(REMOVE_ACTIONS, [table.tableArn], tablePatterns(access.remove));
}

/** Index name to the partition patterns the families hold there, in a stable order. */
function indexPatterns(names: readonly ItemFamilyName[]): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const n of names) {
    const family: ItemFamily = ITEM_FAMILIES[n];
    for (const [index, patterns] of Object.entries(family.indexes ?? {})) {
      out.set(index, [...(out.get(index) ?? []), ...patterns]);
    }
  }
  return [...out].sort(([a], [b]) => a.localeCompare(b));
}
