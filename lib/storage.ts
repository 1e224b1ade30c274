import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GLOBAL_INDEXES, PRIMARY_KEY, TTL_ATTRIBUTE } from '../lambdas/store/table-schema';

export interface StorageProps {
  /** Keep the table on stack deletion and refuse to delete it. @default false */
  readonly retain?: boolean;
}

/** The single table; its keys come from table-schema.ts, the same source the local tables use. */
export class Storage extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageProps = {}) {
    super(scope, id);
    const retain = props.retain ?? false;
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: key(PRIMARY_KEY.partition),
      sortKey: key(PRIMARY_KEY.sort),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: key(index.partition),
        sortKey: key(index.sort),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
