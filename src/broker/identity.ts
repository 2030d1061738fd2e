/** Who the broker pretends to be: the account and region that ARNs and queue URLs carry. */
export interface Identity {
  accountId: string;
  region: string;
}

export const defaultIdentity: Identity = { accountId: '000000000000', region: 'us-east-1' };

/** The key pair clients sign with; the dummy one unless the endpoint checks signatures against configured keys. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** An AWS account id: twelve digits. */
export function isAccountId(value: string): boolean {
  return /^[0-9]{12}$/.test(value);
}

/** A region name as AWS spells them (`us-east-1`, `eu-west-2`, `us-gov-west-1`, `ap-southeast-4`). */
export function isRegionName(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/.test(value);
}

export const dummyAccessKey: AccessKey = { accessKeyId: 'test', secretAccessKey: 'test' };

export function arn(identity: Identity, service: string, resource: string): string {
  return `arn:aws:${service}:${identity.region}:${identity.accountId}:${resource}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    accountId: parts[4],
    resource: parts.slice(5).join(':'),
  };
}
