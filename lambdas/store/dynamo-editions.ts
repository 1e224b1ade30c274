/**
 * Persisted digest editions on the single table (keys.ts): one item per edition with its manifest
 * and both pages gzip-compressed (a 200-story page is ~300 KB of HTML and ~40 KB stored, well under
 * the 400 KB item limit), a HOUSE pointer per date, and a date list for `/archive`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item, Table } from './dynamo';
import { epochSeconds, keys, RETENTION } from './keys';
import type { Edition, EditionPage, EditionStore } from './ports';

const isConditionFailure = (err: unknown) =>
  (err as { name?: string })?.name === 'ConditionalCheckFailedException';

const PAGE_ATTRIBUTE: Record<EditionPage, string> = { view: 'viewPage', all: 'allPage' };

export class DynamoEditionStore implements EditionStore {
  constructor(private readonly table: Table) {}

  async put(edition: Edition, pages: Record<EditionPage, string>) {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.edition(edition.date, edition.id),
            edition,
            viewPage: gzipSync(pages.view),
            allPage: gzipSync(pages.all),
            expiresAt: epochSeconds(edition.createdAt, RETENTION.editionDays),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return false;
    }
  }

  async get(date: string, id: string) {
    const out = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.edition(date, id),
        ProjectionExpression: 'edition',
      }),
    );
    return out.Item?.edition as Edition | undefined;
  }

  async page(date: string, id: string, which: EditionPage) {
    const attribute = PAGE_ATTRIBUTE[which];
    const out = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.edition(date, id),
        ProjectionExpression: '#p',
        ExpressionAttributeNames: { '#p': attribute },
      }),
    );
    const data = out.Item?.[attribute] as Uint8Array | undefined;
    return data ? gunzipSync(data).toString('utf8') : undefined;
  }

  /** Pointer first, then the date list, so `/archive` never lists a date it cannot open. */
  async setHouse(date: string, id: string) {
    const expiresAt = epochSeconds(`${date}T12:00:00.000Z`, RETENTION.editionDays + 1);
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...keys.houseEdition(date), editionId: id, expiresAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.name, Item: { ...keys.editionDate(date), expiresAt } }),
    );
  }

  async house(date: string) {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.houseEdition(date) }),
    );
    return out.Item?.editionId as string | undefined;
  }

  /** Two batched reads: the dates' house pointers, then their editions' manifests (no pages). */
  async houseEditions(dates: string[]) {
    const unique = [...new Set(dates)];
    const pointers = await this.table.batchGetFields(unique.map(keys.houseEdition), ['PK', 'editionId']);
    const house = new Map(pointers.map((p) => [String(p.PK), p.editionId as string]));
    const wanted = unique.flatMap((d) => {
      const id = house.get(keys.houseEdition(d).PK);
      return id ? [keys.edition(d, id)] : [];
    });
    const found = await this.table.batchGetFields(wanted, ['edition']);
    const byDate = new Map(found.map((i) => [(i.edition as Edition).date, i.edition as Edition]));
    return dates.flatMap((d) => {
      const e = byDate.get(d);
      return e ? [e] : [];
    });
  }

  async listDates(limit: number) {
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': keys.editionDatesPartition },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return ((out.Items as Item[]) ?? []).map((i) => i.SK as string);
  }
}
