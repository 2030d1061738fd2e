/**
 * API destinations: CreateApiDestination, DescribeApiDestination, ListApiDestinations,
 * UpdateApiDestination, DeleteApiDestination. A destination is an HTTP endpoint called through a
 * connection; it is ACTIVE while its connection is AUTHORIZED and INACTIVE otherwise, as AWS reports it.
 * Rule targets whose Arn is a destination's are invoked by ./api-destination-invoke.ts.
 */
import { randomUUID } from 'node:crypto';
import { arn } from '../identity';
import { connectionByArn, type Connection } from './connections';
import type * as capi from './connections-api';
import { constraints, eventsErrors, type ConstraintViolation } from './errors';
import { checkName, type EventsState, pageByName, throwIfViolations } from './state';
import { byName } from '../by-name';

export interface ApiDestination {
  name: string;
  arn: string;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: capi.ApiDestinationHttpMethod;
  invocationRateLimitPerSecond: number;
  created: number;
  modified: number;
}

const HTTP_METHODS: capi.ApiDestinationHttpMethod[] = ['HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'GET', 'OPTIONS'];
const CONNECTION_ARN = /^arn:aws([a-z]|-)*:events:([a-z]|\d|-)*:([0-9]{12})?:connection\/[.\-_A-Za-z0-9]+\/[-A-Za-z0-9]+$/;
const CONNECTION_ARN_SHOWN = '^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$';
const ENDPOINT = /^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@&=+$,A-Za-z0-9])+)([).!';/?:,])?$/;
const ENDPOINT_SHOWN = "^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$";
const DEFAULT_RATE = 300;

export function apiDestinationNotFound(name: string) {
  return eventsErrors.resourceNotFound(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
}

/** The destination a target Arn names (`api-destination/<name>/<uuid>`), or undefined. */
export function apiDestinationByArn(destinations: ReadonlyMap<string, ApiDestination>, destinationArn: string): ApiDestination | undefined {
  const match = /:api-destination\/([^/]+)\//.exec(destinationArn);
  const d = match ? destinations.get(match[1]) : undefined;
  return d?.arn === destinationArn ? d : undefined;
}

export function apiDestinationState(d: ApiDestination, connections: ReadonlyMap<string, Connection>): capi.ApiDestinationState {
  return connectionByArn(connections, d.connectionArn)?.state === 'AUTHORIZED' ? 'ACTIVE' : 'INACTIVE';
}

function checkMembers(input: Partial<capi.CreateApiDestinationInput>, create: boolean, violations: ConstraintViolation[]): void {
  const { ConnectionArn, InvocationEndpoint, HttpMethod, InvocationRateLimitPerSecond, Description } = input;
  if (ConnectionArn !== undefined || create) {
    if (ConnectionArn === undefined || ConnectionArn === null) violations.push({ value: ConnectionArn, path: 'connectionArn', constraint: constraints.notNull });
    else if (!CONNECTION_ARN.test(ConnectionArn)) {
      violations.push({ value: ConnectionArn, path: 'connectionArn', constraint: `Member must satisfy regular expression pattern: ${CONNECTION_ARN_SHOWN}` });
    }
  }
  if (InvocationEndpoint !== undefined || create) {
    if (InvocationEndpoint === undefined || InvocationEndpoint === null) violations.push({ value: InvocationEndpoint, path: 'invocationEndpoint', constraint: constraints.notNull });
    else {
      if (!ENDPOINT.test(InvocationEndpoint)) {
        violations.push({ value: InvocationEndpoint, path: 'invocationEndpoint', constraint: `Member must satisfy regular expression pattern: ${ENDPOINT_SHOWN}` });
      }
      if (InvocationEndpoint.length > 2048) violations.push({ value: InvocationEndpoint, path: 'invocationEndpoint', constraint: constraints.maxLength(2048) });
    }
  }
  if (HttpMethod !== undefined || create) {
    if (HttpMethod === undefined || HttpMethod === null) violations.push({ value: HttpMethod, path: 'httpMethod', constraint: constraints.notNull });
    else if (!HTTP_METHODS.includes(HttpMethod)) violations.push({ value: HttpMethod, path: 'httpMethod', constraint: constraints.enumOf(HTTP_METHODS) });
  }
  if (InvocationRateLimitPerSecond !== undefined && InvocationRateLimitPerSecond !== null && InvocationRateLimitPerSecond < 1) {
    violations.push({ value: InvocationRateLimitPerSecond, path: 'invocationRateLimitPerSecond', constraint: 'Member must have value greater than or equal to 1' });
  }
  if (typeof Description === 'string' && Description.length > 512) violations.push({ value: Description, path: 'description', constraint: constraints.maxLength(512) });
}

/** A destination's endpoint must be one the broker can call: http(s). */
function checkEndpoint(endpoint: string): void {
  if (!/^https?:\/\//i.test(endpoint)) throw eventsErrors.invalidParameter('InvocationEndpoint', 'Must be an http(s) URL.');
}

export function apiDestinationOperations(s: EventsState): capi.ApiDestinationOperations {
  const find = (name: string): ApiDestination => {
    const d = s.apiDestinations.get(name);
    if (!d) throw apiDestinationNotFound(name);
    return d;
  };
  const stateOutput = (d: ApiDestination): capi.ApiDestinationStateOutput => ({
    ApiDestinationArn: d.arn,
    ApiDestinationState: apiDestinationState(d, s.connections),
    CreationTime: new Date(d.created),
    LastModifiedTime: new Date(d.modified),
  });
  const describe = (d: ApiDestination): capi.ApiDestinationDescription => ({
    Name: d.name,
    ...stateOutput(d),
    ...(d.description !== undefined ? { Description: d.description } : {}),
    ConnectionArn: d.connectionArn,
    InvocationEndpoint: d.invocationEndpoint,
    HttpMethod: d.httpMethod,
    InvocationRateLimitPerSecond: d.invocationRateLimitPerSecond,
  });
  const connection = (connectionArn: string): Connection => {
    const c = connectionByArn(s.connections, connectionArn);
    if (!c) throw eventsErrors.resourceNotFound(`Failed to describe the connection(s). Connection '${connectionArn.split('/')[1]}' does not exist.`);
    return c;
  };
  return {
    CreateApiDestination(input) {
      const violations = checkName(input.Name, 'name');
      checkMembers(input, true, violations);
      throwIfViolations(violations);
      if (s.apiDestinations.has(input.Name)) throw eventsErrors.resourceExists(`An api-destination '${input.Name}' already exists.`);
      checkEndpoint(input.InvocationEndpoint);
      connection(input.ConnectionArn);
      const at = s.now();
      const d: ApiDestination = {
        name: input.Name,
        arn: arn(s.ctx.identity, 'events', `api-destination/${input.Name}/${randomUUID()}`),
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        connectionArn: input.ConnectionArn,
        invocationEndpoint: input.InvocationEndpoint,
        httpMethod: input.HttpMethod,
        invocationRateLimitPerSecond: input.InvocationRateLimitPerSecond ?? DEFAULT_RATE,
        created: at,
        modified: at,
      };
      s.apiDestinations.set(d.name, d);
      s.emit({ type: 'apiDestinationChanged', apiDestinationName: d.name });
      return stateOutput(d);
    },

    DescribeApiDestination(input) {
      return describe(find(input.Name));
    },

    ListApiDestinations(input) {
      const violations: ConstraintViolation[] = [];
      if (input.NamePrefix !== undefined) checkName(input.NamePrefix, 'namePrefix', 64, violations);
      throwIfViolations(violations);
      const { items, NextToken } = pageByName(s.apiDestinations.values(), input, (d) => !input.ConnectionArn || d.connectionArn === input.ConnectionArn);
      return {
        ApiDestinations: items.map((d) => {
          const { Description: _d, ...listed } = describe(d);
          return listed;
        }),
        ...(NextToken ? { NextToken } : {}),
      };
    },

    UpdateApiDestination(input) {
      const violations = checkName(input.Name, 'name');
      checkMembers(input, false, violations);
      throwIfViolations(violations);
      const d = find(input.Name);
      if (input.InvocationEndpoint !== undefined) checkEndpoint(input.InvocationEndpoint);
      if (input.ConnectionArn !== undefined) connection(input.ConnectionArn);
      if (input.Description !== undefined) d.description = input.Description;
      if (input.ConnectionArn !== undefined) d.connectionArn = input.ConnectionArn;
      if (input.InvocationEndpoint !== undefined) d.invocationEndpoint = input.InvocationEndpoint;
      if (input.HttpMethod !== undefined) d.httpMethod = input.HttpMethod;
      if (input.InvocationRateLimitPerSecond !== undefined) d.invocationRateLimitPerSecond = input.InvocationRateLimitPerSecond;
      d.modified = s.now();
      s.emit({ type: 'apiDestinationChanged', apiDestinationName: d.name });
      return stateOutput(d);
    },

    DeleteApiDestination(input) {
      const d = find(input.Name);
      s.apiDestinations.delete(d.name);
      s.emit({ type: 'apiDestinationDeleted', apiDestinationName: d.name });
      return {};
    },
  };
}

/** A connection as the Resources tree shows it: no authorization parameter at all, so no secret. */
export interface ConnectionSummaryView {
  name: string;
  arn: string;
  authorizationType: capi.ConnectionAuthorizationType;
  state: capi.ConnectionState;
  stateReason?: string;
  apiDestinations: { name: string; arn: string; httpMethod: string; invocationEndpoint: string; invocationRateLimitPerSecond: number; state: capi.ApiDestinationState }[];
}

/** Every connection with the API destinations that use it, by name. */
export function connectionSummaries(s: Pick<EventsState, 'connections' | 'apiDestinations'>): ConnectionSummaryView[] {
  const destinations = [...s.apiDestinations.values()].sort(byName);
  return [...s.connections.values()].sort(byName).map((c) => ({
    name: c.name,
    arn: c.arn,
    authorizationType: c.authorizationType,
    state: c.state,
    ...(c.stateReason !== undefined ? { stateReason: c.stateReason } : {}),
    apiDestinations: destinations
      .filter((d) => d.connectionArn === c.arn)
      .map((d) => ({
        name: d.name,
        arn: d.arn,
        httpMethod: d.httpMethod,
        invocationEndpoint: d.invocationEndpoint,
        invocationRateLimitPerSecond: d.invocationRateLimitPerSecond,
        state: apiDestinationState(d, s.connections),
      })),
  }));
}
