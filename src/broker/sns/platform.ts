import { randomUUID } from 'node:crypto';
import { arn } from '../identity';
import type { ServiceContext } from '../service-context';
import type * as api from './api';
import { requireArnShape, snsErrors } from './errors';
import type { PlatformApplication, PlatformEndpoint } from './model';
import { paginate } from './pagination';
import { PUSH_PLATFORMS } from './push-payload';

const SECRET_ATTRIBUTES = new Set(['PlatformCredential', 'PlatformPrincipal']);
const APPLICATION_ATTRIBUTES = new Set([
  ...SECRET_ATTRIBUTES,
  'EventEndpointCreated',
  'EventEndpointDeleted',
  'EventEndpointUpdated',
  'EventDeliveryFailure',
  'SuccessFeedbackRoleArn',
  'FailureFeedbackRoleArn',
  'SuccessFeedbackSampleRate',
  'ApplePlatformTeamID',
  'ApplePlatformBundleID',
]);
const ENDPOINT_ATTRIBUTES = new Set(['CustomUserData', 'Enabled', 'Token']);
const MAX_CUSTOM_USER_DATA_BYTES = 2048;
const MAX_NAME_LENGTH = 256;
/** SNS's page sizes for the two list actions. */
const APPLICATIONS_PAGE = 15;
const ENDPOINTS_PAGE = 100;

export type PlatformChange =
  | { type: 'platformApplicationChanged'; application: PlatformApplication }
  | { type: 'platformApplicationDeleted'; arn: string }
  | { type: 'platformEndpointChanged'; endpoint: PlatformEndpoint }
  | { type: 'platformEndpointDeleted'; arn: string };

type PlatformOperations = Pick<
  api.SnsOperations,
  | 'CreatePlatformApplication'
  | 'GetPlatformApplicationAttributes'
  | 'SetPlatformApplicationAttributes'
  | 'ListPlatformApplications'
  | 'DeletePlatformApplication'
  | 'CreatePlatformEndpoint'
  | 'GetEndpointAttributes'
  | 'SetEndpointAttributes'
  | 'ListEndpointsByPlatformApplication'
  | 'DeleteEndpoint'
>;

/**
 * SNS mobile push without a push service: platform applications and their endpoints, validated and worded
 * as AWS does (test_sns.snapshot.json). Publishing to an endpoint is SnsService's; deliveries land in the
 * outbox as the device would receive them. `changed` reports each change with the object as saved.
 */
export class PlatformRegistry {
  private applications = new Map<string, PlatformApplication>();
  private endpoints = new Map<string, PlatformEndpoint>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly changed: (change: PlatformChange) => void,
  ) {}

  readonly operations: PlatformOperations = {
    CreatePlatformApplication: (i) => this.createApplication(i),
    GetPlatformApplicationAttributes: (i) => ({ Attributes: this.applicationAttributes(this.application(i.PlatformApplicationArn)) }),
    SetPlatformApplicationAttributes: (i) => this.setApplicationAttributes(i),
    ListPlatformApplications: (i) => {
      const { page, next } = paginate([...this.applications.values()], i.NextToken, APPLICATIONS_PAGE);
      return {
        PlatformApplications: page.map((a) => ({ PlatformApplicationArn: a.arn, Attributes: this.applicationAttributes(a) })),
        ...(next ? { NextToken: next } : {}),
      };
    },
    DeletePlatformApplication: (i) => this.deleteApplication(i),
    CreatePlatformEndpoint: (i) => this.createEndpoint(i),
    GetEndpointAttributes: (i) => ({ Attributes: { ...this.endpoint(i.EndpointArn).attributes } }),
    SetEndpointAttributes: (i) => this.setEndpointAttributes(i),
    ListEndpointsByPlatformApplication: (i) => {
      const app = this.application(i.PlatformApplicationArn);
      const mine = [...this.endpoints.values()].filter((e) => e.applicationArn === app.arn);
      const { page, next } = paginate(mine, i.NextToken, ENDPOINTS_PAGE);
      return { Endpoints: page.map((e) => ({ EndpointArn: e.arn, Attributes: { ...e.attributes } })), ...(next ? { NextToken: next } : {}) };
    },
    DeleteEndpoint: (i) => {
      requireArnShape('EndpointArn', i.EndpointArn);
      if (this.endpoints.delete(i.EndpointArn)) this.changed({ type: 'platformEndpointDeleted', arn: i.EndpointArn });
      return {};
    },
  };

  /** The endpoint a Publish TargetArn or an `application` subscription names, if it exists. */
  find(endpointArn: string): { endpoint: PlatformEndpoint; platform: string } | undefined {
    const endpoint = this.endpoints.get(endpointArn);
    const app = endpoint && this.applications.get(endpoint.applicationArn);
    return endpoint && app ? { endpoint, platform: app.platform } : undefined;
  }

  /** The endpoint a Publish TargetArn names: refused when there is none, EndpointDisabled when disabled. */
  publishable(endpointArn: string): { endpoint: PlatformEndpoint; platform: string } {
    const found = this.find(endpointArn);
    if (!found) throw snsErrors.invalidParameter('TargetArn Reason: No endpoint found for the target arn specified');
    if (found.endpoint.attributes.Enabled !== 'true') throw snsErrors.endpointDisabled();
    return found;
  }

  savedApplications(): PlatformApplication[] {
    return [...this.applications.values()].map(copyApplication);
  }

  savedEndpoints(): PlatformEndpoint[] {
    return [...this.endpoints.values()].map(copyEndpoint);
  }

  restore(applications: PlatformApplication[], endpoints: PlatformEndpoint[]): void {
    for (const a of applications) this.applications.set(a.arn, copyApplication(a));
    for (const e of endpoints) if (this.applications.has(e.applicationArn)) this.endpoints.set(e.arn, copyEndpoint(e));
  }

  dispose(): void {
    this.applications.clear();
    this.endpoints.clear();
  }

  // ---- applications

  private createApplication(input: api.CreatePlatformApplicationInput): api.PlatformApplicationArnInput {
    if (isEmptyMap(input.Attributes)) throw snsErrors.nullMember('attributes');
    const name = input.Name ?? '';
    if (name === '') throw snsErrors.invalidParameter(' Reason: cannot be empty');
    if (name.length > MAX_NAME_LENGTH) throw snsErrors.invalidParameter(`${name} Reason: must be at most ${MAX_NAME_LENGTH} characters long`);
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw snsErrors.invalidParameter(`${name} Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'`);
    }
    if (!(PUSH_PLATFORMS as readonly string[]).includes(input.Platform)) {
      throw snsErrors.invalidParameter(`Platform Reason: ${input.Platform ?? ''} is not supported`);
    }
    const attributes = checkApplicationAttributes(input.Attributes, input.Platform);
    const applicationArn = arn(this.ctx.identity, 'sns', `app/${input.Platform}/${name}`);
    const existing = this.applications.get(applicationArn);
    const app: PlatformApplication = { arn: applicationArn, name, platform: input.Platform, attributes: { ...existing?.attributes, ...attributes } };
    this.applications.set(applicationArn, app);
    this.changed({ type: 'platformApplicationChanged', application: copyApplication(app) });
    return { PlatformApplicationArn: applicationArn };
  }

  private application(applicationArn: string): PlatformApplication {
    requireArnShape('PlatformApplicationArn', applicationArn);
    const app = this.applications.get(applicationArn);
    if (!app) throw snsErrors.platformApplicationNotFound();
    return app;
  }

  private applicationAttributes(app: PlatformApplication): Record<string, string> {
    return { Enabled: 'true', ...app.attributes };
  }

  private setApplicationAttributes(input: api.SetPlatformApplicationAttributesInput): api.Empty {
    if (isEmptyMap(input.Attributes)) throw snsErrors.nullMember('attributes');
    const app = this.application(input.PlatformApplicationArn);
    Object.assign(app.attributes, checkApplicationAttributes(input.Attributes, undefined));
    this.changed({ type: 'platformApplicationChanged', application: copyApplication(app) });
    return {};
  }

  private deleteApplication(input: api.PlatformApplicationArnInput): api.Empty {
    requireArnShape('PlatformApplicationArn', input.PlatformApplicationArn);
    if (!this.applications.has(input.PlatformApplicationArn)) return {};
    // As on AWS, an application takes its endpoints with it (subscriptions to them stay, as after DeleteEndpoint).
    for (const endpoint of [...this.endpoints.values()]) {
      if (endpoint.applicationArn !== input.PlatformApplicationArn) continue;
      this.endpoints.delete(endpoint.arn);
      this.changed({ type: 'platformEndpointDeleted', arn: endpoint.arn });
    }
    this.applications.delete(input.PlatformApplicationArn);
    this.changed({ type: 'platformApplicationDeleted', arn: input.PlatformApplicationArn });
    return {};
  }

  // ---- endpoints

  private createEndpoint(input: api.CreatePlatformEndpointInput): api.EndpointArnInput {
    if (typeof input.Token !== 'string') throw snsErrors.nullMember('token');
    const app = this.application(input.PlatformApplicationArn);
    const requested = checkEndpointAttributes(isEmptyMap(input.Attributes) ? {} : input.Attributes!);
    const attributes: Record<string, string> = { Enabled: 'true', ...requested, Token: input.Token };
    // The CustomUserData parameter wins over the attribute of the same name (recorded).
    if (input.CustomUserData !== undefined) attributes.CustomUserData = checkCustomUserData(input.CustomUserData);
    const same = [...this.endpoints.values()].find((e) => e.applicationArn === app.arn && e.attributes.Token === input.Token);
    if (same) {
      if (!sameAttributes(same.attributes, attributes)) {
        throw snsErrors.invalidParameter(`Token Reason: Endpoint ${same.arn} already exists with the same Token, but different attributes.`);
      }
      return { EndpointArn: same.arn };
    }
    const endpoint: PlatformEndpoint = {
      arn: arn(this.ctx.identity, 'sns', `endpoint/${app.platform}/${app.name}/${randomUUID()}`),
      applicationArn: app.arn,
      attributes,
    };
    this.endpoints.set(endpoint.arn, endpoint);
    this.changed({ type: 'platformEndpointChanged', endpoint: copyEndpoint(endpoint) });
    return { EndpointArn: endpoint.arn };
  }

  private endpoint(endpointArn: string): PlatformEndpoint {
    requireArnShape('EndpointArn', endpointArn);
    const [, ...relative] = endpointArn.split(':').slice(5).join(':').split('/');
    if (relative.length !== 3) throw snsErrors.invalidParameter('EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.');
    const endpoint = this.endpoints.get(endpointArn);
    if (!endpoint) throw snsErrors.endpointNotFound();
    return endpoint;
  }

  private setEndpointAttributes(input: api.SetEndpointAttributesInput): api.Empty {
    if (isEmptyMap(input.Attributes)) throw snsErrors.nullMember('attributes');
    const endpoint = this.endpoint(input.EndpointArn);
    Object.assign(endpoint.attributes, checkEndpointAttributes(input.Attributes));
    this.changed({ type: 'platformEndpointChanged', endpoint: copyEndpoint(endpoint) });
    return {};
  }
}

/**
 * The attributes of Create/SetPlatformApplicationAttributes, without the secrets. A principal always needs its
 * credential; every push service but FCM (GCM), which takes a server key alone, needs both at creation.
 */
function checkApplicationAttributes(attributes: Record<string, string>, platform: string | undefined): Record<string, string> {
  for (const name of Object.keys(attributes)) {
    if (!APPLICATION_ATTRIBUTES.has(name)) throw snsErrors.invalidParameter(`Attributes Reason: Invalid attribute name: ${name}`);
  }
  if ('PlatformPrincipal' in attributes && !('PlatformCredential' in attributes)) {
    throw snsErrors.invalidParameter('Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential');
  }
  if (platform !== undefined && platform !== 'GCM' && 'PlatformCredential' in attributes && !('PlatformPrincipal' in attributes)) {
    throw snsErrors.invalidParameter('Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal');
  }
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => !SECRET_ATTRIBUTES.has(name)));
}

function checkEndpointAttributes(attributes: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(attributes)) {
    if (!ENDPOINT_ATTRIBUTES.has(name)) throw snsErrors.invalidParameter(`Attributes Reason: Invalid attribute name: ${name}`);
    if (name === 'CustomUserData') checkCustomUserData(value);
    if (name === 'Enabled' && value !== 'true' && value !== 'false') {
      throw snsErrors.invalidParameter('Attributes Reason: Invalid value for attribute: Enabled: must be true or false');
    }
  }
  return { ...attributes };
}

function checkCustomUserData(value: string): string {
  if (Buffer.byteLength(String(value), 'utf8') > MAX_CUSTOM_USER_DATA_BYTES) {
    throw snsErrors.invalidParameter(
      `Attributes Reason: Invalid value for attribute: CustomUserData: must be at most ${MAX_CUSTOM_USER_DATA_BYTES} bytes long in UTF-8 encoding`,
    );
  }
  return value;
}

/** A map member left out, or not a map at all (the query codec gives maps; the engine takes any caller). */
function isEmptyMap(value: Record<string, string> | undefined): boolean {
  return typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0;
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function copyApplication(a: PlatformApplication): PlatformApplication {
  return { ...a, attributes: { ...a.attributes } };
}

function copyEndpoint(e: PlatformEndpoint): PlatformEndpoint {
  return { ...e, attributes: { ...e.attributes } };
}
