import { loadSharedConfigFiles } from '@smithy/core/config';

/**
 * One place the tree can look at besides this window's broker: a profile of the user's AWS config and
 * credentials files (AWS itself), or an AWS-compatible endpoint from the `eventyard.connections` setting
 * (another Eventyard, LocalStack, ElasticMQ, fauxqs, kinesalite, moto), optionally signed as a profile.
 * It holds names only: credentials stay with the SDK's providers, which read them when a call needs them.
 */
export interface ConnectionSpec {
  /** `profile:<name>` or `endpoint:<name>`: stable across windows, so remembered choices find it again. */
  id: string;
  kind: 'profile' | 'endpoint';
  /** What the tree shows. */
  name: string;
  /** The profile whose credentials sign the requests; none: the `test`/`test` keys local emulators accept. */
  profile?: string;
  /** Undefined for a profile connection: AWS's own endpoint of the region. */
  endpoint?: string;
  /** The region the profile or the setting names, before the user picks another. */
  defaultRegion?: string;
  /** Marked production in the setting (the user can also mark any connection from the tree). */
  production?: boolean;
}

/** An entry of the `eventyard.connections` setting as the user wrote it. */
export interface EndpointSetting {
  name?: string;
  endpoint: string;
  profile?: string;
  region?: string;
  production?: boolean;
}

/**
 * Every profile of the shared config and credentials files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE,
 * or ~/.aws/config and ~/.aws/credentials), read with the SDK's own loader so a profile reads here as the AWS
 * CLI and the SDK read it. Files that are missing give no profiles; only names and regions are kept.
 */
export async function profileConnections(): Promise<ConnectionSpec[]> {
  let files: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    files = await loadSharedConfigFiles({ ignoreCache: true });
  } catch {
    return [];
  }
  const names = new Set([...Object.keys(files.configFile ?? {}), ...Object.keys(files.credentialsFile ?? {})]);
  return [...names]
    // the loader keys sso-session and services sections with a prefix (`sso-session.x`); they are not profiles
    .filter((name) => !name.includes('.'))
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name) => {
      const region = files.configFile?.[name]?.region ?? files.credentialsFile?.[name]?.region;
      return { id: `profile:${name}`, kind: 'profile' as const, name, profile: name, ...(region ? { defaultRegion: region } : {}) };
    });
}

/** The setting's entries that name an http(s) URL; the others are left out (the setting's schema flags them). */
export function endpointConnections(setting: unknown): ConnectionSpec[] {
  if (!Array.isArray(setting)) return [];
  const seen = new Set<string>();
  const specs: ConnectionSpec[] = [];
  for (const entry of setting as Partial<EndpointSetting>[]) {
    if (typeof entry?.endpoint !== 'string' || !isEndpointUrl(entry.endpoint)) continue;
    const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : entry.endpoint;
    if (seen.has(name)) continue;
    seen.add(name);
    specs.push({
      id: `endpoint:${name}`,
      kind: 'endpoint',
      name,
      endpoint: entry.endpoint.replace(/\/+$/, ''),
      ...(typeof entry.profile === 'string' && entry.profile ? { profile: entry.profile } : {}),
      ...(typeof entry.region === 'string' && entry.region ? { defaultRegion: entry.region } : {}),
      ...(entry.production === true ? { production: true } : {}),
    });
  }
  return specs;
}

export function isEndpointUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** AWS's commercial regions, for the region picker (a region typed by hand is accepted too). */
export const AWS_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-northeast-1', 'ap-northeast-2',
  'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'sa-east-1',
];

export const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
