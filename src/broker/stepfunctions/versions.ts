/**
 * State machine versions and aliases: a version is a numbered, read-only copy of a machine's revision
 * (PublishStateMachineVersion, or `publish` on Create/Update); an alias routes executions to one or two
 * versions by weight. Both live on their StateMachine as plain data, so the store keeps them with it.
 * Words and rules are AWS's as recorded in LocalStack's test_sfn_api_versioning and
 * test_sfn_api_aliasing snapshots (recorded against AWS).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { AwsError } from '../errors';
import type * as api from './api';
import { statesErrors } from './errors';
import { pageSize, pageStart, pageToken } from './paging';

/** What a version copies of its machine: one revision's definition and configuration. */
export interface MachineRevision {
  definition: string;
  roleArn: string;
  type: api.StateMachineType;
  loggingConfiguration: api.LoggingConfiguration;
  tracingConfiguration: api.TracingConfiguration;
  /** Set by the first update that changed the machine, renewed by each one after it (absent: as created). */
  revisionId?: string;
}

export interface MachineVersion extends MachineRevision {
  number: number;
  arn: string;
  description?: string;
  creationDate: number;
}

export interface MachineAlias {
  name: string;
  arn: string;
  description?: string;
  routingConfiguration: api.RoutingConfigurationListItem[];
  creationDate: number;
  updateDate: number;
}

/** What versions and aliases need of a machine (StateMachine has these members). */
export interface Versioned extends MachineRevision {
  name: string;
  arn: string;
  versions?: MachineVersion[];
  /** Version numbers are never reused, even after a deletion (test_version_ids_between_deletions). */
  nextVersion?: number;
  aliases?: MachineAlias[];
}

/** What an ARN of the StartExecution family names: a machine, one of its versions, or an alias. */
export interface Target<M extends Versioned> {
  machine: M;
  version?: MachineVersion;
  alias?: MachineAlias;
}

const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;
// AWS quotes the pattern with its backslashes doubled (test_error_create_alias_invalid_name).
const ALIAS_PATTERN_TEXT = '^(?=.*[a-zA-Z_\\\\-\\\\.])[a-zA-Z0-9_\\\\-\\\\.]+$';

const conflict = (message: string) => new AwsError({ code: 'ConflictException', message, status: 409 });
const noSuchResource = () => new AwsError({ code: 'ResourceNotFound', message: 'Request references a resource that does not exist.', status: 404 });
const invalid = (message: string) => statesErrors.testStateValidation(message);

/** The machine ARN and the qualifier after it (a version number or an alias name), if any. */
export function splitQualified(arn: string): { machineArn: string; qualifier?: string } {
  const parts = arn.split(':');
  if (parts.length === 8 && parts[5] === 'stateMachine') return { machineArn: parts.slice(0, 7).join(':'), qualifier: parts[7] };
  return { machineArn: arn };
}

/** Resolves a version or alias ARN against the machines; undefined when the ARN names neither. */
export function resolveQualified<M extends Versioned>(arn: string, machines: Map<string, M>): Target<M> | undefined {
  const { machineArn, qualifier } = splitQualified(arn);
  if (qualifier === undefined) return undefined;
  const machine = machines.get(machineArn);
  if (!machine) return undefined;
  if (/^\d+$/.test(qualifier)) {
    const version = machine.versions?.find((v) => v.arn === arn);
    return version ? { machine, version } : undefined;
  }
  const alias = machine.aliases?.find((a) => a.arn === arn);
  return alias ? { machine, alias, version: pickVersion(machine, alias) } : undefined;
}

/** The version an alias sends this execution to, by its weights. */
function pickVersion(machine: Versioned, alias: MachineAlias): MachineVersion | undefined {
  let roll = randomInt(100);
  for (const route of alias.routingConfiguration) {
    roll -= route.weight;
    if (roll < 0) return machine.versions?.find((v) => v.arn === route.stateMachineVersionArn);
  }
  return machine.versions?.find((v) => v.arn === alias.routingConfiguration[0]?.stateMachineVersionArn);
}

/** `versionDescription` only with `publish` (test_create_with_version_description_no_publish). */
export function checkPublishInput(input: { publish?: boolean; versionDescription?: string }): void {
  if (input.versionDescription !== undefined && input.publish !== true) throw invalid('Version description can only be set when publish is true');
}

/**
 * Publishes the machine's current revision, or answers with the version that already copies it
 * (test_idempotent_publish, test_empty_revision_with_publish_*).
 */
export function publish(machine: Versioned, now: number, description?: string, revisionId?: string): MachineVersion {
  const current = machine.revisionId ?? '';
  if (revisionId !== undefined && revisionId !== current) {
    throw conflict(`Failed to publish the State Machine version for revision ${revisionId}. The current State Machine revision is ${current}.`);
  }
  const versions = (machine.versions ??= []);
  const latest = versions[versions.length - 1];
  if (latest && (latest.revisionId ?? '') === current) return latest;
  const number = machine.nextVersion ?? 1;
  machine.nextVersion = number + 1;
  const version: MachineVersion = {
    number,
    arn: `${machine.arn}:${number}`,
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    // Copies, so a later UpdateStateMachine does not reach into the version.
    loggingConfiguration: { ...machine.loggingConfiguration },
    tracingConfiguration: { ...machine.tracingConfiguration },
    ...(machine.revisionId !== undefined ? { revisionId: machine.revisionId } : {}),
    ...(description !== undefined ? { description } : {}),
    creationDate: now,
  };
  versions.push(version);
  return version;
}

/** A machine's new revision after an update that changed it: a fresh revisionId (UpdateStateMachine's answer). */
export function newRevision(machine: Versioned): string {
  machine.revisionId = randomUUID();
  return machine.revisionId;
}

/** AWS's checks of a routing configuration, in its order and words (test_error_create_alias_invalid_router_configs). */
function checkRouting<M extends Versioned>(routes: api.RoutingConfigurationListItem[] | undefined, machines: Map<string, M>): M {
  const list = routes ?? [];
  if (list.length > 2) {
    const items = list.map((r) => `RoutingConfigurationListItem(stateMachineVersionArn=${r.stateMachineVersionArn}, weight=${r.weight})`).join(', ');
    throw statesErrors.validation(`Value '[${items}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`);
  }
  list.forEach((r, i) => {
    if (r.weight > 100) throw statesErrors.validation(`Value '${r.weight}' at 'routingConfiguration.${i + 1}.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100`);
  });
  const arns = list.map((r) => r.stateMachineVersionArn);
  if (arns.some((a) => !/^\d+$/.test(splitQualified(a).qualifier ?? ''))) throw invalid(`Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`);
  if (new Set(arns).size !== arns.length) throw invalid(`Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`);
  const sum = list.reduce((n, r) => n + r.weight, 0);
  if (sum !== 100) throw invalid(`Sum of routing configuration weights must equal 100. Received: [${list.map((r) => r.weight).join(', ')}]`);
  // Every version must exist and belong to one machine; AWS's words for this are not recorded.
  const owners = new Set(arns.map((a) => splitQualified(a).machineArn));
  const machine = machines.get([...owners][0] ?? '');
  if (owners.size !== 1 || !machine || arns.some((a) => !machine.versions?.some((v) => v.arn === a))) throw noSuchResource();
  return machine;
}

function checkAliasName(name: string): void {
  if (typeof name === 'string' && name.length > 80) throw statesErrors.validation(`Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`);
  if (typeof name !== 'string' || !ALIAS_NAME.test(name)) throw statesErrors.validation(`Value '${String(name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ALIAS_PATTERN_TEXT}`);
}

const sameRoutes = (a: api.RoutingConfigurationListItem[], b: api.RoutingConfigurationListItem[]) =>
  a.length === b.length && a.every((r, i) => r.stateMachineVersionArn === b[i].stateMachineVersionArn && r.weight === b[i].weight);

/** The version and alias actions; `machine` looks a machine up (with AWS's errors), `changed` tells the store. */
export function versionOperations<M extends Versioned>(deps: { machines: Map<string, M>; machine: (arn: string) => M; now: () => number; changed: (machine: M) => void }) {
  const { machines, now, changed } = deps;
  const aliasOf = (arn: string): { machine: M; alias: MachineAlias } => {
    const machine = machines.get(splitQualified(arn).machineArn);
    const alias = machine?.aliases?.find((a) => a.arn === arn);
    if (!machine || !alias) throw noSuchResource();
    return { machine, alias };
  };
  return {
    PublishStateMachineVersion: (input: { stateMachineArn: string; revisionId?: string; description?: string }) => {
      const machine = deps.machine(input.stateMachineArn);
      const before = machine.versions?.length ?? 0;
      const version = publish(machine, now(), input.description, input.revisionId);
      if ((machine.versions?.length ?? 0) !== before) changed(machine);
      return { creationDate: new Date(version.creationDate), stateMachineVersionArn: version.arn };
    },
    ListStateMachineVersions: (input: { stateMachineArn: string; maxResults?: number; nextToken?: string }) => {
      const size = pageSize(input.maxResults, 100);
      const start = pageStart(input.nextToken, 1024);
      const all = [...(deps.machine(input.stateMachineArn).versions ?? [])].reverse();
      return {
        stateMachineVersions: all.slice(start, start + size).map((v) => ({ stateMachineVersionArn: v.arn, creationDate: new Date(v.creationDate) })),
        ...(start + size < all.length ? { nextToken: pageToken(start + size) } : {}),
      };
    },
    DeleteStateMachineVersion: ({ stateMachineVersionArn }: { stateMachineVersionArn: string }) => {
      if (typeof stateMachineVersionArn !== 'string' || !stateMachineVersionArn.startsWith('arn:')) throw statesErrors.invalidArn(String(stateMachineVersionArn));
      const machine = machines.get(splitQualified(stateMachineVersionArn).machineArn);
      const index = machine?.versions?.findIndex((v) => v.arn === stateMachineVersionArn) ?? -1;
      if (!machine || index < 0) return {};
      const referencing = (machine.aliases ?? []).filter((a) => a.routingConfiguration.some((r) => r.stateMachineVersionArn === stateMachineVersionArn));
      if (referencing.length) {
        throw conflict(`Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing.map((a) => a.name).join(', ')}]`);
      }
      machine.versions!.splice(index, 1);
      changed(machine);
      return {};
    },
    CreateStateMachineAlias: (input: { name: string; description?: string; routingConfiguration: api.RoutingConfigurationListItem[] }) => {
      checkAliasName(input.name);
      const machine = checkRouting(input.routingConfiguration, machines);
      const arn = `${machine.arn}:${input.name}`;
      const existing = machine.aliases?.find((a) => a.arn === arn);
      if (existing) {
        if (existing.description === input.description && sameRoutes(existing.routingConfiguration, input.routingConfiguration)) {
          return { stateMachineAliasArn: arn, creationDate: new Date(existing.creationDate) };
        }
        throw conflict('Failed to create alias because an alias with the same name and a different routing configuration already exists.');
      }
      const at = now();
      const alias: MachineAlias = {
        name: input.name,
        arn,
        ...(input.description !== undefined ? { description: input.description } : {}),
        routingConfiguration: input.routingConfiguration.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn, weight: r.weight })),
        creationDate: at,
        updateDate: at,
      };
      (machine.aliases ??= []).push(alias);
      changed(machine);
      return { stateMachineAliasArn: arn, creationDate: new Date(at) };
    },
    DescribeStateMachineAlias: ({ stateMachineAliasArn }: { stateMachineAliasArn: string }) => {
      const { alias } = aliasOf(stateMachineAliasArn);
      return {
        stateMachineAliasArn: alias.arn,
        name: alias.name,
        ...(alias.description !== undefined ? { description: alias.description } : {}),
        routingConfiguration: alias.routingConfiguration,
        creationDate: new Date(alias.creationDate),
        updateDate: new Date(alias.updateDate),
      };
    },
    ListStateMachineAliases: (input: { stateMachineArn: string; maxResults?: number; nextToken?: string }) => {
      const size = pageSize(input.maxResults, 100);
      const start = pageStart(input.nextToken, 1024);
      const all = deps.machine(input.stateMachineArn).aliases ?? [];
      return {
        stateMachineAliases: all.slice(start, start + size).map((a) => ({ stateMachineAliasArn: a.arn, creationDate: new Date(a.creationDate) })),
        ...(start + size < all.length ? { nextToken: pageToken(start + size) } : {}),
      };
    },
    UpdateStateMachineAlias: (input: { stateMachineAliasArn: string; description?: string; routingConfiguration?: api.RoutingConfigurationListItem[] }) => {
      const { machine, alias } = aliasOf(input.stateMachineAliasArn);
      if (input.routingConfiguration !== undefined) {
        if (checkRouting(input.routingConfiguration, machines) !== machine) throw noSuchResource();
        alias.routingConfiguration = input.routingConfiguration.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn, weight: r.weight }));
      }
      if (input.description !== undefined) alias.description = input.description;
      alias.updateDate = now();
      changed(machine);
      return { updateDate: new Date(alias.updateDate) };
    },
    DeleteStateMachineAlias: ({ stateMachineAliasArn }: { stateMachineAliasArn: string }) => {
      const machine = machines.get(splitQualified(String(stateMachineAliasArn)).machineArn);
      const index = machine?.aliases?.findIndex((a) => a.arn === stateMachineAliasArn) ?? -1;
      if (machine && index >= 0) {
        machine.aliases!.splice(index, 1);
        changed(machine);
      }
      return {};
    },
  };
}
