import type { Broker } from '../broker';
import type { ConnectionAuthParameters } from '../eventbridge/connections-api';
import type { ConnectionDefinition, Definitions, DefinitionPath } from './model';

type Attempt = (path: DefinitionPath, step: () => unknown) => Promise<void>;

/**
 * EventBridge archives, connections and API destinations of the definitions file, through the engine's
 * operations like every other definition. Each is created when missing and updated only when it differs
 * (UpdateConnection re-authorizes, so an unchanged connection makes no request). Connections go before
 * API destinations, which name them.
 */
export async function applyArchivesAndConnections(
  broker: Broker, definitions: Definitions, declared: Set<string>, attempt: Attempt, env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const events = broker.eventbridge.operations;
  const state = broker.eventbridge.state;
  for (const [i, a] of (definitions.archives ?? []).entries()) {
    declared.add(`archive:${a.name}`);
    await attempt(['archives', i, 'name'], () => {
      const source = state.busArn(a.bus ?? 'default');
      const wanted = {
        ArchiveName: a.name,
        ...(a.description !== undefined ? { Description: a.description } : {}),
        ...(a.eventPattern !== undefined ? { EventPattern: JSON.stringify(a.eventPattern) } : {}),
        RetentionDays: a.retentionDays ?? 0,
      };
      if (!state.archives.has(a.name)) {
        return broker.request('events', 'CreateArchive', () => events.CreateArchive({ ...wanted, EventSourceArn: source }));
      }
      const current = events.DescribeArchive({ ArchiveName: a.name });
      if (current.EventSourceArn !== source) {
        throw new Error(`The archive ${a.name} already archives ${current.EventSourceArn}; an archive's bus cannot change (rename it, or delete it first).`);
      }
      if ((current.Description ?? '') === (wanted.Description ?? '') && current.EventPattern === wanted.EventPattern && current.RetentionDays === wanted.RetentionDays) return undefined;
      // UpdateArchive keeps what it is not given: an empty string clears a pattern or description the file dropped
      return broker.request('events', 'UpdateArchive', () =>
        events.UpdateArchive({ ...wanted, Description: wanted.Description ?? '', EventPattern: wanted.EventPattern ?? '' }));
    });
  }

  for (const [i, c] of (definitions.connections ?? []).entries()) {
    declared.add(`connection:${c.name}`);
    await attempt(['connections', i], () => {
      const AuthParameters = authParameters(c, env);
      const current = state.connections.get(c.name);
      if (!current) {
        return broker.request('events', 'CreateConnection', () =>
          events.CreateConnection({ Name: c.name, Description: c.description, AuthorizationType: c.authorizationType, AuthParameters }));
      }
      const same = current.authorizationType === c.authorizationType && (current.description ?? '') === (c.description ?? '') &&
        sameAuth(current.authParameters, AuthParameters);
      if (same) return undefined;
      return broker.request('events', 'UpdateConnection', () =>
        events.UpdateConnection({ Name: c.name, Description: c.description ?? '', AuthorizationType: c.authorizationType, AuthParameters }));
    });
  }

  for (const [i, d] of (definitions.apiDestinations ?? []).entries()) {
    declared.add(`apiDestination:${d.name}`);
    await attempt(['apiDestinations', i, 'name'], () => {
      const connection = state.connections.get(d.connection);
      if (!connection) throw new Error(`No connection named ${d.connection}: declare it under connections.`);
      const wanted = {
        Name: d.name,
        ConnectionArn: connection.arn,
        InvocationEndpoint: d.endpoint,
        HttpMethod: d.method,
        InvocationRateLimitPerSecond: d.rateLimitPerSecond ?? 300,
        ...(d.description !== undefined ? { Description: d.description } : {}),
      };
      if (!state.apiDestinations.has(d.name)) return broker.request('events', 'CreateApiDestination', () => events.CreateApiDestination(wanted));
      const current = events.DescribeApiDestination({ Name: d.name });
      const same = current.ConnectionArn === wanted.ConnectionArn && current.InvocationEndpoint === wanted.InvocationEndpoint &&
        current.HttpMethod === wanted.HttpMethod && current.InvocationRateLimitPerSecond === wanted.InvocationRateLimitPerSecond &&
        (current.Description ?? '') === (wanted.Description ?? '');
      if (same) return undefined;
      return broker.request('events', 'UpdateApiDestination', () => events.UpdateApiDestination({ ...wanted, Description: wanted.Description ?? '' }));
    });
  }
}

/** Deletes an archive, connection or API destination the file no longer declares; false for other kinds. */
export function removeArchiveOrConnection(broker: Broker, kind: string, name: string): Promise<unknown> | undefined | false {
  const events = broker.eventbridge.operations;
  const state = broker.eventbridge.state;
  switch (kind) {
    case 'archive':
      return state.archives.has(name) && broker.request('events', 'DeleteArchive', () => events.DeleteArchive({ ArchiveName: name }));
    case 'apiDestination':
      return state.apiDestinations.has(name) && broker.request('events', 'DeleteApiDestination', () => events.DeleteApiDestination({ Name: name }));
    case 'connection':
      return state.connections.has(name) && broker.request('events', 'DeleteConnection', () => events.DeleteConnection({ Name: name }));
  }
  return false;
}

/** The file's authorization as CreateConnection takes it, with `${env:NAME}` secrets read from the environment. */
function authParameters(c: ConnectionDefinition, env: Record<string, string | undefined>): ConnectionAuthParameters {
  const secret = (value: string, where: string): string => {
    const m = /^\$\{env:([^}]+)\}$/.exec(value.trim());
    if (!m) return value;
    const found = env[m[1]];
    if (found === undefined) throw new Error(`${where} refers to the environment variable ${m[1]}, which is not set.`);
    return found;
  };
  switch (c.authorizationType) {
    case 'API_KEY':
      if (!c.apiKey) throw new Error('An API_KEY connection needs apiKey (name and value).');
      return { ApiKeyAuthParameters: { ApiKeyName: c.apiKey.name, ApiKeyValue: secret(c.apiKey.value, 'apiKey.value') } };
    case 'BASIC':
      if (!c.basic) throw new Error('A BASIC connection needs basic (username and password).');
      return { BasicAuthParameters: { Username: c.basic.username, Password: secret(c.basic.password, 'basic.password') } };
    case 'OAUTH_CLIENT_CREDENTIALS':
      if (!c.oauth) throw new Error('An OAUTH_CLIENT_CREDENTIALS connection needs oauth (authorizationEndpoint, httpMethod, clientId, clientSecret).');
      return {
        OAuthParameters: {
          AuthorizationEndpoint: c.oauth.authorizationEndpoint,
          HttpMethod: c.oauth.httpMethod,
          ClientParameters: { ClientID: c.oauth.clientId, ClientSecret: secret(c.oauth.clientSecret, 'oauth.clientSecret') },
        },
      };
  }
}

/** Whether the kept parameters already hold what the file gives (the engine may keep more, such as invocation parameters). */
function sameAuth(kept: ConnectionAuthParameters, wanted: ConnectionAuthParameters): boolean {
  const k = kept as Record<string, Record<string, unknown> | undefined>;
  return Object.entries(wanted as Record<string, Record<string, unknown>>).every(([member, value]) => {
    const have = k[member] ?? {};
    return Object.entries(value).every(([key, v]) => JSON.stringify(have[key]) === JSON.stringify(v));
  });
}
