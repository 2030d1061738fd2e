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
  statements: PolicyStatement[];
  /** A policy given whole with PutPermission's Policy member; statements are then its statements. */
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

/** One statement of a bus's resource policy, as PutPermission writes it. */
export interface PolicyStatement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Resource: unknown;
  Condition?: unknown;
}

/**
 * The event envelope as EventBridge builds it and its targets receive it: compact JSON with the members in
 * AWS's order (version, id, detail-type, source, account, time, region, resources, detail) and the time
 * in whole seconds ("2026-01-01T00:00:00Z"), as recorded in test_events*.snapshot.json. Archives keep it
 * as it was put (envelope.ts builds it).
 */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  /** Replayed events carry the replay's name. */
  'replay-name'?: string;
}
