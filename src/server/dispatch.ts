import type { Broker } from '../broker/broker';
import type { BrokerScope } from '../broker/scope';
import { AwsError, commonErrors, isAwsError } from '../broker/errors';
import type { ActionOf, ServiceName } from '../broker/service-actions';
import type { OperationTable, RequestContext } from '../broker/service-context';
import type { ServiceBinding } from './binding';
import { clientOf, type TraceOrigin, withOrigin } from '../broker/trace/cause';
import { CBOR_CONTENT_TYPE, decodeCbor, encodeCborError, encodeCborResult } from './protocols/cbor';
import { decodeJson, encodeJsonEmpty, encodeJsonError, encodeJsonResult } from './protocols/json';
import { decodeQueryInput, encodeQueryError, encodeQueryResult } from './protocols/query';
import { dropNullMembers, readInput, serialization } from './protocols/type-check';
import { callerIdentity, credentialScope, targetScope } from './request-scope';
import { services } from './services';
import type { WireRequest, WireResponse } from './wire';

/** How one request is decoded and answered, chosen from its headers (and, for query, its Action). */
interface Route {
  /** Encodes an error in this request's protocol. */
  fail(error: AwsError): WireResponse;
  run(broker: Broker): Promise<WireResponse>;
}

export type Logger = (line: string) => void;

/**
 * Request → binding and protocol → engine call through the broker's one entry (limits, durability) →
 * response; every failure becomes an AWS error shape.
 */
export async function dispatch(broker: Broker, request: WireRequest, log: Logger): Promise<WireResponse> {
  let route: Route | undefined;
  try {
    route = chooseRoute(request);
    return await route.run(broker);
  } catch (e) {
    return (route ?? headerRoute(request)).fail(asAwsError(e, request, log));
  }
}

/** An error answer in the protocol the request's headers announce, for failures before the body is read. */
export function errorResponse(request: WireRequest, error: AwsError): WireResponse {
  return headerRoute(request).fail(error);
}

function asAwsError(e: unknown, request: WireRequest, log: Logger): AwsError {
  if (isAwsError(e)) return e;
  log(`InternalFailure for request ${request.requestId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return commonErrors.internal();
}

function chooseRoute(request: WireRequest): Route {
  const target = request.headers['x-amz-target'];
  if (target !== undefined) return targetRoute(request, target);
  const params = queryParams(request);
  if (params.has('Action') || !isJsonLike(request)) return queryRoute(request, params);
  return targetRoute(request, '');
}

function headerRoute(request: WireRequest): Route {
  if (request.headers['x-amz-target'] !== undefined || isJsonLike(request)) {
    return targetRoute(request, request.headers['x-amz-target'] ?? '');
  }
  // Once the body is read (a refused signature), its form names the Action and so the service's namespace.
  return queryRoute(request, queryParams(request));
}

function contentType(request: WireRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function isJsonLike(request: WireRequest): boolean {
  const type = contentType(request);
  return type.startsWith('application/x-amz-json') || type === CBOR_CONTENT_TYPE || type === 'application/json';
}

/** JSON 1.0/1.1 and CBOR: `X-Amz-Target: <prefix>.<Action>`. */
function targetRoute(request: WireRequest, target: string): Route {
  const dot = target.lastIndexOf('.');
  const prefix = dot < 0 ? '' : target.slice(0, dot);
  const action = dot < 0 ? target : target.slice(dot + 1);
  const binding = services.find((s) => s.target?.prefix === prefix);
  const settings = binding?.target ?? { prefix, jsonVersion: '1.1' as const };
  // AWS's JSON 1.1 front end answers a request that is not JSON (no Content-Type, another type) in CBOR.
  const json11 = binding !== undefined && settings.jsonVersion === '1.1';
  const cbor =
    (contentType(request) === CBOR_CONTENT_TYPE && (binding === undefined || settings.cbor === true)) ||
    (json11 && !isJsonLike(request));
  const fail = (error: AwsError) =>
    cbor ? encodeCborError(error, request.requestId) : encodeJsonError(error, settings, request.requestId);
  return {
    fail,
    run: async (broker) => {
      if (!binding) throw unknownOperation();
      if (!operation(binding, broker.defaultScope, broker, action)) throw unknownOperation();
      if (json11) refuseUnreadable(request);
      const body = cbor ? decodeCbor(request.body) : decodeJson(request.body);
      const shapes = binding.shapes?.[action];
      const input = shapes ? readInput(shapes.input, body, { required: settings.required }) : dropNullMembers(body);
      const output = await run(broker, binding, action, input, request, cbor ? 'cbor' : `json ${settings.jsonVersion}`);
      const special = binding.encodeOutput?.(action, output, request, cbor);
      if (special) return special;
      if (cbor) return encodeCborResult(output, request.requestId);
      if (json11 && shapes && !shapes.output) return encodeJsonEmpty(settings, request.requestId);
      return encodeJsonResult(output, settings, request.requestId);
    },
  };
}

/**
 * A JSON 1.1 request for a known operation that AWS's front end cannot read gets its bare
 * SerializationException: an empty body (an SDK always sends at least `{}`), or a body that is neither
 * JSON nor CBOR.
 */
function refuseUnreadable(request: WireRequest): void {
  if (request.body.length === 0) throw serialization();
  if (!isJsonLike(request)) throw unknownOperation();
}

/** The query protocol: `Action=...&Version=...` in a form body or the URL. */
function queryRoute(request: WireRequest, params: URLSearchParams): Route {
  const action = params.get('Action') ?? undefined;
  const binding = queryBinding(request, params, action);
  const fail = (error: AwsError) => encodeQueryError(error, binding?.query?.xmlNamespace, request.requestId);
  return {
    fail,
    run: async (broker) => {
      if (!action) {
        throw new AwsError({ code: 'MissingAction', message: 'The request must contain the parameter Action.' });
      }
      const shapes = binding?.shapes?.[action];
      const handler = binding && operation(binding, broker.defaultScope, broker, action);
      if (!binding?.query || !shapes || !handler) {
        throw new AwsError({ code: 'InvalidAction', message: `The action ${action} is not valid for this endpoint.` });
      }
      const input = decodeQueryInput(shapes.input, params);
      binding.query.prepareInput?.(action, input, request);
      const output = await run(broker, binding, action, input, request, 'query', params);
      return encodeQueryResult(action, output, shapes.output, binding.query.xmlNamespace, request.requestId);
    },
  };
}

/** The service named by the SigV4 credential scope; else the one whose shapes know the Action. */
function queryBinding(request: WireRequest, params: URLSearchParams, action?: string): ServiceBinding | undefined {
  const scope = signingService(request, params);
  const queryServices = services.filter((s) => s.query);
  const byScope = scope && queryServices.find((s) => s.name === scope);
  if (byScope) return byScope;
  return queryServices.find((s) => action !== undefined && Object.hasOwn(s.shapes ?? {}, action));
}

/** `Credential=AKID/20240101/us-east-1/sqs/aws4_request` → `sqs`. */
function signingService(request: WireRequest, params: URLSearchParams): string | undefined {
  return credentialScope(request, params)?.service;
}

/**
 * Runs a decoded request in the account and region it acts in (request-scope.ts), through the broker's
 * one entry (limits, durability), telling the engine who signed.
 */
async function run(broker: Broker, binding: ServiceBinding, action: string, input: unknown, request: WireRequest, protocol: string, params?: URLSearchParams): Promise<unknown> {
  const caller = callerIdentity(broker, request, params);
  const scope = binding.global ? broker.defaultScope : targetScope(broker, binding.name, action, input, caller);
  const handler = operation(binding, scope, broker, action)!;
  const rc: RequestContext = {
    endpoint: request.endpoint,
    signal: request.signal,
    caller: { accountId: caller.accountId, accessKeyId: credentialScope(request, params)?.accessKeyId },
  };
  const userAgent = request.headers['user-agent'];
  // Traces started by this request record who made it (src/broker/trace): the client, protocol and action.
  const origin: TraceOrigin = { via: 'wire', protocol, action, accountId: caller.accountId, userAgent, client: clientOf(userAgent) };
  return broker.request(binding.name, action as ActionOf<ServiceName>, () => withOrigin(origin, () => handler(input, rc)), { scope, input });
}

function queryParams(request: WireRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (contentType(request) === 'application/x-www-form-urlencoded' && request.body.length > 0) {
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

function operation(binding: ServiceBinding, scope: BrokerScope, broker: Broker, action: string) {
  const table = binding.operations(scope, broker) as OperationTable;
  return Object.hasOwn(table, action) ? table[action] : undefined;
}

/** AWS's bare answer to a target it does not know, or to no target: no message. */
function unknownOperation(): AwsError {
  return new AwsError({ code: 'UnknownOperationException', queryCode: 'InvalidAction', message: '' });
}
