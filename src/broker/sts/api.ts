/** STS inputs and outputs in the AWS API's member names (the two actions Eventyard serves). */

export interface GetCallerIdentityOutput {
  UserId: string;
  Account: string;
  Arn: string;
}

export interface AssumeRoleInput {
  RoleArn?: string;
  RoleSessionName?: string;
  DurationSeconds?: number;
  Policy?: string;
  ExternalId?: string;
}

export interface AssumeRoleOutput {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
  PackedPolicySize?: number;
}

/** Who signed a request, as the wire server read it from the signature. */
export interface Caller {
  accountId: string;
  accessKeyId?: string;
}

export interface StsOperations {
  GetCallerIdentity(input: object, rc?: { caller?: Caller }): GetCallerIdentityOutput;
  AssumeRole(input: AssumeRoleInput, rc?: { caller?: Caller }): AssumeRoleOutput;
}

export type StsAction = keyof StsOperations;

/** Issued keys live in memory only (a restart forgets them, as expired ones), so no action adds to the data folder. */
export const stsAddsData: Readonly<Record<StsAction, boolean>> = {
  GetCallerIdentity: false,
  AssumeRole: false,
};
