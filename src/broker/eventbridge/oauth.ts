/**
 * OAuth client-credentials tokens of connections, as EventBridge gets them: a request to the connection's
 * AuthorizationEndpoint with its HttpMethod, the client id and secret as Basic credentials, a
 * `grant_type=client_credentials` form body (query string for GET) with the OAuthHttpParameters; a 2xx JSON
 * answer with `access_token` authorizes the connection, and invocations then send
 * `Authorization: <token_type or Bearer> <access_token>`. Tokens live in memory only: after a restart, or
 * past `expires_in`, the next invocation asks again.
 */
import type { ServiceContext } from '../service-context';
import type { Connection } from './connections';
import type { ConnectionParameter } from './connections-api';
import type { EventsHttpClient } from './http-client';

interface Token {
  header: string;
  expiresAt?: number;
}

/** What the token requests need of the engine's state. */
export interface OAuthHost {
  readonly connections: ReadonlyMap<string, Connection>;
  changed(connection: Connection): void;
}

/** A token request's failure, told without the secret (the reason is shown in StateReason). */
class TokenFailure extends Error {}

export class OAuthTokens {
  private readonly tokens = new Map<string, Token>();
  /** The request under way per connection, so one token is asked for at a time. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly host: OAuthHost,
    private readonly http: EventsHttpClient | undefined,
    private readonly track: (p: Promise<unknown>) => void,
  ) {}

  /** Asks for a token for a connection just created or updated (AUTHORIZING); its state follows the answer. */
  authorize(connection: Connection): void {
    this.forget(connection.name);
    const p = this.fetch(connection).catch(() => undefined);
    this.track(p);
  }

  forget(name: string): void {
    this.tokens.delete(name);
    this.pending.delete(name);
  }

  /** The Authorization header for an invocation: the token kept, or a new one. */
  async header(connection: Connection): Promise<string> {
    const kept = this.tokens.get(connection.name);
    if (kept && (kept.expiresAt === undefined || kept.expiresAt > this.ctx.scheduler.now())) return kept.header;
    return this.fetch(connection);
  }

  private fetch(connection: Connection): Promise<string> {
    const running = this.pending.get(connection.name);
    if (running) return running;
    const p = this.request(connection).then(
      (token) => {
        if (this.pending.get(connection.name) === p) this.pending.delete(connection.name);
        if (!this.current(connection)) throw new TokenFailure('the connection changed while its token was requested');
        this.tokens.set(connection.name, token);
        if (connection.state !== 'AUTHORIZED' || connection.stateReason !== undefined) {
          connection.state = 'AUTHORIZED';
          connection.stateReason = undefined;
          connection.lastAuthorized = this.ctx.scheduler.now();
          this.host.changed(connection);
        }
        return token.header;
      },
      (e: Error) => {
        if (this.pending.get(connection.name) === p) this.pending.delete(connection.name);
        if (this.current(connection)) {
          connection.state = 'DEAUTHORIZED';
          connection.stateReason = `Failed to authorize the connection: ${e.message}`.slice(0, 512);
          this.host.changed(connection);
        }
        throw e;
      },
    );
    this.pending.set(connection.name, p);
    return p;
  }

  private current(connection: Connection): boolean {
    return this.host.connections.get(connection.name) === connection;
  }

  private async request(connection: Connection): Promise<Token> {
    const o = connection.authParameters.OAuthParameters;
    if (!this.http) throw new TokenFailure('HTTP requests are not available in this broker');
    if (!o?.AuthorizationEndpoint || !o.ClientParameters?.ClientID || !o.ClientParameters.ClientSecret) {
      throw new TokenFailure('the connection has no client credentials');
    }
    const method = o.HttpMethod ?? 'POST';
    const http = o.OAuthHttpParameters ?? {};
    const url = new URL(o.AuthorizationEndpoint);
    for (const p of http.QueryStringParameters ?? []) if (p.Key) url.searchParams.set(p.Key, p.Value ?? '');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    for (const p of http.BodyParameters ?? []) if (p.Key) form.set(p.Key, p.Value ?? '');
    const credentials = Buffer.from(`${o.ClientParameters.ClientID}:${o.ClientParameters.ClientSecret}`).toString('base64');
    const headers: Record<string, string> = { ...toHeaders(http.HeaderParameters), authorization: `Basic ${credentials}`, accept: 'application/json' };
    let body: string | undefined;
    if (method === 'GET') for (const [k, v] of form) url.searchParams.set(k, v);
    else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = form.toString();
    }
    let answer: { status: number; body: string };
    try {
      answer = await this.http.send({ method, url: url.toString(), headers, ...(body !== undefined ? { body } : {}) });
    } catch (e) {
      throw new TokenFailure(`no answer from ${url.origin}${url.pathname}: ${(e as Error).message}`);
    }
    if (answer.status < 200 || answer.status > 299) throw new TokenFailure(`${url.origin}${url.pathname} answered ${answer.status}`);
    let parsed: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(answer.body) as typeof parsed;
    } catch {
      throw new TokenFailure(`${url.origin}${url.pathname} answered no JSON`);
    }
    if (typeof parsed?.access_token !== 'string' || !parsed.access_token) throw new TokenFailure(`${url.origin}${url.pathname} answered no access_token`);
    const type = typeof parsed.token_type === 'string' && parsed.token_type ? parsed.token_type : 'Bearer';
    const expiresIn = Number(parsed.expires_in);
    return {
      header: `${type.toLowerCase() === 'bearer' ? 'Bearer' : type} ${parsed.access_token}`,
      // Asked again a little before it runs out.
      ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: this.ctx.scheduler.now() + Math.max(0, expiresIn - 30) * 1000 } : {}),
    };
  }
}

/** Header parameters as a header map (lower-case names). */
export function toHeaders(list: ConnectionParameter[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) if (p.Key) out[p.Key.toLowerCase()] = p.Value ?? '';
  return out;
}
