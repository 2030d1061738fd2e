/**
 * A rule target whose Arn is an API destination: the payload (the event, or what Input, InputPath or the
 * input transformer made of it) goes as an HTTP request to the destination's InvocationEndpoint with its
 * HttpMethod, the connection's authorization and InvocationHttpParameters, and the target's
 * HttpParameters (`*` in the endpoint replaced by PathParameterValues in order; the connection's headers,
 * query strings and body members win over the target's). Invocations of one destination are spaced to its
 * InvocationRateLimitPerSecond. A 2xx answer delivers; 429, 5xx, 401/407 (after a fresh OAuth token) and no
 * answer are retried per the target's RetryPolicy; any other answer goes to the dead-letter queue at once.
 */
import type { ServiceContext } from '../service-context';
import type { HttpParameters } from './api';
import { apiDestinationByArn, type ApiDestination } from './api-destinations';
import { connectionByArn, type Connection } from './connections';
import type { EventsHttpClient } from './http-client';
import { toHeaders, type OAuthTokens } from './oauth';

/** A failed delivery that retrying cannot help; the dispatcher sends the event to the dead-letter queue. */
export class PermanentDeliveryFailure extends Error {
  readonly retryable = false;
}

export interface ApiDestinationHost {
  readonly connections: ReadonlyMap<string, Connection>;
  readonly apiDestinations: ReadonlyMap<string, ApiDestination>;
}

const USER_AGENT = 'Amazon/EventBridge/ApiDestinations';
const WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ApiDestinationInvoker {
  /** Per destination, when its next invocation may start (the rate limit). */
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly host: ApiDestinationHost,
    private readonly oauth: OAuthTokens,
    private readonly http: EventsHttpClient | undefined,
  ) {}

  async invoke(targetArn: string, params: HttpParameters | undefined, payload: string): Promise<void> {
    const d = apiDestinationByArn(this.host.apiDestinations, targetArn);
    if (!d) throw new PermanentDeliveryFailure(`API destination ${targetArn} does not exist`);
    const c = connectionByArn(this.host.connections, d.connectionArn);
    if (!c) throw new PermanentDeliveryFailure(`the connection of API destination ${d.name} does not exist`);
    if (c.state === 'DEAUTHORIZED' && c.authorizationType !== 'OAUTH_CLIENT_CREDENTIALS') {
      throw new PermanentDeliveryFailure(`connection ${c.name} is deauthorized`);
    }
    if (!this.http) throw new Error('HTTP requests are not available in this broker');
    await this.waitForSlot(d);

    let url: URL;
    try {
      url = new URL(fillPath(d.invocationEndpoint, params?.PathParameterValues ?? []));
    } catch {
      throw new PermanentDeliveryFailure(`the endpoint of API destination ${d.name} is not a URL`);
    }
    const shown = `${d.httpMethod} ${url.origin}${url.pathname}`;
    const invocation = c.authParameters.InvocationHttpParameters ?? {};
    for (const [k, v] of Object.entries(params?.QueryStringParameters ?? {})) url.searchParams.set(k, v);
    for (const p of invocation.QueryStringParameters ?? []) if (p.Key) url.searchParams.set(p.Key, p.Value ?? '');
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': USER_AGENT,
      ...lowerCased(params?.HeaderParameters ?? {}),
      ...toHeaders(invocation.HeaderParameters),
      ...(await this.authorization(c)),
    };
    const body = WITHOUT_BODY.has(d.httpMethod) ? undefined : withBodyParameters(payload, invocation.BodyParameters);
    let answer: { status: number };
    try {
      answer = await this.http.send({ method: d.httpMethod, url: url.toString(), headers, ...(body !== undefined ? { body } : {}) });
    } catch (e) {
      throw new Error(`${shown}: no answer (${(e as Error).message})`);
    }
    if (answer.status >= 200 && answer.status < 300) return;
    if ((answer.status === 401 || answer.status === 407) && c.authorizationType === 'OAUTH_CLIENT_CREDENTIALS') {
      // The token may have been revoked: the next attempt asks for a new one.
      this.oauth.forget(c.name);
      throw new Error(`${shown} answered ${answer.status}`);
    }
    if (answer.status === 429 || answer.status >= 500) throw new Error(`${shown} answered ${answer.status}`);
    throw new PermanentDeliveryFailure(`${shown} answered ${answer.status}`);
  }

  private async authorization(c: Connection): Promise<Record<string, string>> {
    const p = c.authParameters;
    switch (c.authorizationType) {
      case 'BASIC':
        return { authorization: `Basic ${Buffer.from(`${p.BasicAuthParameters?.Username ?? ''}:${p.BasicAuthParameters?.Password ?? ''}`).toString('base64')}` };
      case 'API_KEY':
        return { [(p.ApiKeyAuthParameters?.ApiKeyName ?? '').toLowerCase()]: p.ApiKeyAuthParameters?.ApiKeyValue ?? '' };
      case 'OAUTH_CLIENT_CREDENTIALS':
        try {
          return { authorization: await this.oauth.header(c) };
        } catch (e) {
          throw new Error(`connection ${c.name} could not be authorized: ${(e as Error).message}`);
        }
    }
  }

  private async waitForSlot(d: ApiDestination): Promise<void> {
    const now = this.ctx.scheduler.now();
    const slot = Math.max(now, this.nextSlot.get(d.name) ?? 0);
    this.nextSlot.set(d.name, slot + 1000 / Math.max(1, d.invocationRateLimitPerSecond));
    if (slot > now) await new Promise<void>((resolve) => this.ctx.scheduler.after(slot - now, resolve));
  }
}

/** Each `*` of the endpoint replaced by the next path parameter value. */
function fillPath(endpoint: string, values: string[]): string {
  let i = 0;
  return endpoint.replace(/\*/g, () => (i < values.length ? encodeURIComponent(values[i++]) : '*'));
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The connection's body parameters added to a JSON object payload; other payloads go as they are. */
function withBodyParameters(payload: string, list: { Key?: string; Value?: string }[] | undefined): string {
  if (!list?.length) return payload;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return payload;
  const out = { ...(parsed as Record<string, unknown>) };
  for (const p of list) if (p.Key) out[p.Key] = p.Value ?? '';
  return JSON.stringify(out);
}
