/**
 * A bus and a rule as plain data, as the change events carry them and the store keeps them: the model's
 * SavedBus and SavedRule, seen through the members written out here (persistence.ts checks every one is
 * the model's). Nothing is imported: the webview compiles the event union (the inspector's notices derive
 * from it) without Node's types, and the model and api types reach a Buffer through compiled patterns and
 * input transformers.
 */
type Tag = { Key: string; Value: string };

export interface BusRecord {
  name: string;
  arn: string;
  description?: string;
  created: number;
  modified: number;
  statements: {
    Sid: string;
    Effect: string;
    Principal: unknown;
    Action: unknown;
    Resource: unknown;
    Condition?: unknown;
  }[];
  policyVersion?: string;
  tags: Tag[];
}

export interface RuleRecord {
  name: string;
  arn: string;
  busName: string;
  /** api.RuleState */
  state: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  description?: string;
  roleArn?: string;
  managedBy?: string;
  eventPattern?: string;
  scheduleExpression?: string;
  scheduleStart?: number;
  /** api.Target, every member kept. */
  targets: { Id: string; Arn: string }[];
  tags: Tag[];
  createdBy: string;
}
