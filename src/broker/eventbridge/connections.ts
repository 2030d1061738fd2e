/**
 * Connections: CreateConnection, DescribeConnection, ListConnections, UpdateConnection, DeleteConnection,
 * DeauthorizeConnection. A connection keeps its secrets (password, API key value, client secret, secret
 * parameter values) where AWS keeps them in Secrets Manager: no answer, event or log line carries them;
 * DescribeConnection names a SecretArn instead. BASIC and API_KEY connections are AUTHORIZED at once; an
 * OAUTH_CLIENT_CREDENTIALS one is AUTHORIZING until its AuthorizationEndpoint answered with a token
 * (./oauth.ts), then AUTHORIZED, or DEAUTHORIZED with the reason when it did not.
 */
import { randomUUID } from 'node:crypto';
import { arn } from '../identity';
import type * as capi from './connections-api';
import { constraintError, constraints, eventsErrors, type ConstraintViolation } from './errors';
import { checkName, type EventsState, pageByName, throwIfViolations } from './state';

export interface Connection {
  name: string;
  arn: string;
  secretArn: string;
  description?: string;
  authorizationType: capi.ConnectionAuthorizationType;
  /** As given, secrets included: never answered as is (see publicAuthParameters). */
  authParameters: capi.ConnectionAuthParameters;
  state: capi.ConnectionState;
  stateReason?: string;
  created: number;
  modified: number;
  lastAuthorized: number;
}

const AUTHORIZATION_TYPES: capi.ConnectionAuthorizationType[] = ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'];
const STATES: capi.ConnectionState[] = ['CREATING', 'UPDATING', 'DELETING', 'AUTHORIZED', 'DEAUTHORIZED', 'AUTHORIZING', 'DEAUTHORIZING'];
const OAUTH_METHODS = ['GET', 'POST', 'PUT'];
/** Which member of AuthParameters each authorization type needs. */
const AUTH_MEMBER = {
  BASIC: 'BasicAuthParameters',
  API_KEY: 'ApiKeyAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
} as const;

export function connectionNotFound(name: string) {
  return eventsErrors.resourceNotFound(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
}

/** The connection a ConnectionArn names (`connection/<name>/<uuid>`), or undefined. */
export function connectionByArn(connections: ReadonlyMap<string, Connection>, connectionArn: string): Connection | undefined {
  const match = /:connection\/([^/]+)\//.exec(connectionArn);
  const connection = match ? connections.get(match[1]) : undefined;
  return connection?.arn === connectionArn ? connection : undefined;
}

function checkAuthorizationType(value: unknown, violations: ConstraintViolation[]): void {
  if (value === undefined || value === null) violations.push({ value, path: 'authorizationType', constraint: constraints.notNull });
  else if (!AUTHORIZATION_TYPES.includes(value as capi.ConnectionAuthorizationType)) {
    violations.push({ value, path: 'authorizationType', constraint: constraints.enumOf(AUTHORIZATION_TYPES) });
  }
}

function checkDescription(value: string | undefined, violations: ConstraintViolation[]): void {
  if (typeof value === 'string' && value.length > 512) violations.push({ value, path: 'description', constraint: constraints.maxLength(512) });
}

/** The parameters the type needs are there, with their secrets (a connection that cannot authorize is refused). */
function checkAuthParameters(type: capi.ConnectionAuthorizationType, p: capi.ConnectionAuthParameters | undefined): void {
  const member = AUTH_MEMBER[type];
  const given = p?.[member];
  const missing = (name: string) => eventsErrors.validation(`${member}.${name} is required for AuthorizationType ${type}.`);
  if (!given) throw eventsErrors.validation(`${member} is required for AuthorizationType ${type}.`);
  if (type === 'BASIC') {
    const b = p!.BasicAuthParameters!;
    if (!b.Username) throw missing('Username');
    if (!b.Password) throw missing('Password');
  } else if (type === 'API_KEY') {
    const k = p!.ApiKeyAuthParameters!;
    if (!k.ApiKeyName) throw missing('ApiKeyName');
    if (!k.ApiKeyValue) throw missing('ApiKeyValue');
  } else {
    const o = p!.OAuthParameters!;
    if (!o.AuthorizationEndpoint) throw missing('AuthorizationEndpoint');
    if (!/^https?:\/\//.test(o.AuthorizationEndpoint)) throw eventsErrors.invalidParameter('AuthorizationEndpoint', 'Must be an http(s) URL.');
    if (!o.HttpMethod || !OAUTH_METHODS.includes(o.HttpMethod)) {
      throw constraintError([{ value: o.HttpMethod, path: 'authParameters.oAuthParameters.httpMethod', constraint: constraints.enumOf(OAUTH_METHODS) }]);
    }
    if (!o.ClientParameters?.ClientID) throw missing('ClientParameters.ClientID');
    if (!o.ClientParameters.ClientSecret) throw missing('ClientParameters.ClientSecret');
  }
}

/** A parameter list without the values marked secret. */
function publicParameters(list: capi.ConnectionParameter[] | undefined): capi.ConnectionParameter[] | undefined {
  return list?.map((p) => (p.IsValueSecret ? { Key: p.Key, IsValueSecret: true } : { ...p }));
}

function publicHttpParameters(h: capi.ConnectionHttpParameters | undefined): capi.ConnectionHttpParameters | undefined {
  if (!h) return undefined;
  const out: capi.ConnectionHttpParameters = {};
  for (const key of ['HeaderParameters', 'QueryStringParameters', 'BodyParameters'] as const) {
    const list = publicParameters(h[key]);
    if (list) out[key] = list;
  }
  return out;
}

/** AuthParameters as DescribeConnection answers them: names and endpoints, no password, key or client secret. */
export function publicAuthParameters(p: capi.ConnectionAuthParameters): capi.ConnectionAuthParameters {
  const out: capi.ConnectionAuthParameters = {};
  if (p.BasicAuthParameters) out.BasicAuthParameters = { Username: p.BasicAuthParameters.Username };
  if (p.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ApiKeyName: p.ApiKeyAuthParameters.ApiKeyName };
  if (p.OAuthParameters) {
    const o = p.OAuthParameters;
    out.OAuthParameters = {
      AuthorizationEndpoint: o.AuthorizationEndpoint,
      ClientParameters: { ClientID: o.ClientParameters?.ClientID },
      HttpMethod: o.HttpMethod,
      ...(o.OAuthHttpParameters ? { OAuthHttpParameters: publicHttpParameters(o.OAuthHttpParameters) } : {}),
    };
  }
  if (p.InvocationHttpParameters) out.InvocationHttpParameters = publicHttpParameters(p.InvocationHttpParameters);
  return out;
}

/** UpdateConnection's AuthParameters over the kept ones: each given member replaces or completes its own. */
function mergeAuthParameters(kept: capi.ConnectionAuthParameters, update: capi.ConnectionAuthParameters): capi.ConnectionAuthParameters {
  const out = structuredClone(kept);
  if (update.BasicAuthParameters) out.BasicAuthParameters = { ...out.BasicAuthParameters, ...update.BasicAuthParameters };
  if (update.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ...out.ApiKeyAuthParameters, ...update.ApiKeyAuthParameters };
  if (update.OAuthParameters) {
    const o = update.OAuthParameters;
    out.OAuthParameters = {
      ...out.OAuthParameters,
      ...o,
      ClientParameters: { ...out.OAuthParameters?.ClientParameters, ...o.ClientParameters },
    };
  }
  if (update.InvocationHttpParameters) out.InvocationHttpParameters = structuredClone(update.InvocationHttpParameters);
  return out;
}

/** Only the member the type uses (and the invocation parameters) are kept: switching types drops the others' secrets. */
function onlyFor(type: capi.ConnectionAuthorizationType, p: capi.ConnectionAuthParameters): capi.ConnectionAuthParameters {
  const member = AUTH_MEMBER[type];
  return {
    [member]: structuredClone(p[member]),
    ...(p.InvocationHttpParameters ? { InvocationHttpParameters: structuredClone(p.InvocationHttpParameters) } : {}),
  };
}

function stateOutput(c: Connection, state = c.state, withAuthorized = true): capi.ConnectionStateOutput {
  return {
    ConnectionArn: c.arn,
    ConnectionState: state,
    CreationTime: new Date(c.created),
    LastModifiedTime: new Date(c.modified),
    ...(withAuthorized ? { LastAuthorizedTime: new Date(c.lastAuthorized) } : {}),
  };
}

function summary(c: Connection): capi.ConnectionSummary {
  return {
    Name: c.name,
    ...stateOutput(c),
    ...(c.stateReason !== undefined ? { StateReason: c.stateReason } : {}),
    AuthorizationType: c.authorizationType,
  };
}

/** Sets the state a connection has once its parameters are in: AUTHORIZED, or AUTHORIZING while OAuth asks for a token. */
function authorize(s: EventsState, c: Connection): void {
  c.stateReason = undefined;
  if (c.authorizationType === 'OAUTH_CLIENT_CREDENTIALS') {
    c.state = 'AUTHORIZING';
    s.oauth.authorize(c);
  } else {
    c.state = 'AUTHORIZED';
    c.lastAuthorized = s.now();
  }
}

export function connectionOperations(s: EventsState): capi.ConnectionOperations {
  const find = (name: string): Connection => {
    const c = s.connections.get(name);
    if (!c) throw connectionNotFound(name);
    return c;
  };
  return {
    CreateConnection(input) {
      const violations = checkName(input.Name, 'name');
      checkAuthorizationType(input.AuthorizationType, violations);
      checkDescription(input.Description, violations);
      throwIfViolations(violations);
      if (s.connections.has(input.Name)) throw eventsErrors.resourceExists(`Connection ${input.Name} already exists.`);
      checkAuthParameters(input.AuthorizationType, input.AuthParameters);
      const at = s.now();
      const id = randomUUID();
      const c: Connection = {
        name: input.Name,
        arn: arn(s.ctx.identity, 'events', `connection/${input.Name}/${id}`),
        // Secrets Manager adds six characters of its own to a secret's name.
        secretArn: arn(s.ctx.identity, 'secretsmanager', `secret:events!connection/${input.Name}/${id}-${randomUUID().slice(0, 6)}`),
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        authorizationType: input.AuthorizationType,
        authParameters: onlyFor(input.AuthorizationType, input.AuthParameters),
        state: 'CREATING',
        created: at,
        modified: at,
        lastAuthorized: at,
      };
      s.connections.set(c.name, c);
      authorize(s, c);
      s.emit({ type: 'connectionChanged', connectionName: c.name });
      // CreateConnection answers without LastAuthorizedTime, as AWS does.
      return stateOutput(c, c.state, false);
    },

    DescribeConnection(input) {
      const c = find(input.Name);
      return {
        ...summary(c),
        ...(c.description !== undefined ? { Description: c.description } : {}),
        SecretArn: c.secretArn,
        AuthParameters: publicAuthParameters(c.authParameters),
      };
    },

    ListConnections(input) {
      const violations: ConstraintViolation[] = [];
      if (input.NamePrefix !== undefined) checkName(input.NamePrefix, 'namePrefix', 64, violations);
      if (input.ConnectionState !== undefined && !STATES.includes(input.ConnectionState)) {
        violations.push({ value: input.ConnectionState, path: 'connectionState', constraint: constraints.enumOf(STATES) });
      }
      throwIfViolations(violations);
      const { items, NextToken } = pageByName(s.connections.values(), input, (c) => !input.ConnectionState || c.state === input.ConnectionState);
      return { Connections: items.map(summary), ...(NextToken ? { NextToken } : {}) };
    },

    UpdateConnection(input) {
      const violations = checkName(input.Name, 'name');
      if (input.AuthorizationType !== undefined) checkAuthorizationType(input.AuthorizationType, violations);
      checkDescription(input.Description, violations);
      throwIfViolations(violations);
      const c = find(input.Name);
      const type = input.AuthorizationType ?? c.authorizationType;
      const merged = onlyFor(type, mergeAuthParameters(type === c.authorizationType ? c.authParameters : {}, input.AuthParameters ?? {}));
      if (input.AuthParameters?.InvocationHttpParameters === undefined && c.authParameters.InvocationHttpParameters) {
        merged.InvocationHttpParameters = structuredClone(c.authParameters.InvocationHttpParameters);
      }
      checkAuthParameters(type, merged);
      if (input.Description !== undefined) c.description = input.Description;
      c.authorizationType = type;
      c.authParameters = merged;
      c.modified = s.now();
      authorize(s, c);
      s.emit({ type: 'connectionChanged', connectionName: c.name });
      return stateOutput(c);
    },

    DeleteConnection(input) {
      const c = find(input.Name);
      s.connections.delete(c.name);
      s.oauth.forget(c.name);
      s.emit({ type: 'connectionDeleted', connectionName: c.name });
      return stateOutput(c, 'DELETING');
    },

    DeauthorizeConnection(input) {
      const c = find(input.Name);
      // AWS removes the authorization parameters' secrets; the names and endpoints stay, to be updated.
      const p = c.authParameters;
      if (p.BasicAuthParameters) delete p.BasicAuthParameters.Password;
      if (p.ApiKeyAuthParameters) delete p.ApiKeyAuthParameters.ApiKeyValue;
      if (p.OAuthParameters?.ClientParameters) delete p.OAuthParameters.ClientParameters.ClientSecret;
      c.state = 'DEAUTHORIZED';
      c.stateReason = undefined;
      c.modified = s.now();
      s.oauth.forget(c.name);
      s.emit({ type: 'connectionChanged', connectionName: c.name });
      return stateOutput(c, 'DEAUTHORIZING');
    },
  };
}
