import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { isAccountId, parseArn, type Identity } from '../identity';
import type { AssumeRoleInput, AssumeRoleOutput, Caller, GetCallerIdentityOutput, StsOperations } from './api';
import { stsErrors } from './errors';

/** Temporary credentials AssumeRole handed out, by access key id. */
interface Session {
  secretAccessKey: string;
  accountId: string;
  roleId: string;
  arn: string;
  sessionName: string;
  expiresAt: number;
}

const SESSION_NAME = /^[\w+=,.@-]*$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * AWS STS for a local broker: GetCallerIdentity answers who signed (the root of the account a 12-digit
 * key id names, or the default account; an assumed role's session for keys it issued), and AssumeRole
 * issues temporary keys that then act in the role's account. There is no IAM: any role ARN can be
 * assumed. Issued keys are kept in memory; the wire server verifies signatures made with them.
 */
export class StsService {
  readonly operations: StsOperations;
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    private readonly defaults: Identity,
  ) {
    this.operations = {
      GetCallerIdentity: (_input, rc) => this.getCallerIdentity(rc?.caller),
      AssumeRole: (input, rc) => this.assumeRole(input, rc?.caller),
    };
  }

  /** The account keys issued by AssumeRole act in; undefined for keys STS did not issue. */
  accountOf(accessKeyId: string): string | undefined {
    return this.sessions.get(accessKeyId)?.accountId;
  }

  /** The secret of an issued key that has not expired, for checking signatures made with it. */
  secretOf(accessKeyId: string): string | undefined {
    const session = this.sessions.get(accessKeyId);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock.now()) {
      this.sessions.delete(accessKeyId);
      return undefined;
    }
    return session.secretAccessKey;
  }

  private getCallerIdentity(caller: Caller | undefined): GetCallerIdentityOutput {
    const session = caller?.accessKeyId === undefined ? undefined : this.sessions.get(caller.accessKeyId);
    if (session) return { UserId: `${session.roleId}:${session.sessionName}`, Account: session.accountId, Arn: session.arn };
    // The root user of an account: its UserId is the account id itself.
    const account = caller?.accountId ?? this.defaults.accountId;
    return { UserId: account, Account: account, Arn: `arn:aws:iam::${account}:root` };
  }

  private assumeRole(input: AssumeRoleInput, caller: Caller | undefined): AssumeRoleOutput {
    const failures: string[] = [];
    const { RoleArn, RoleSessionName, DurationSeconds } = input;
    if (RoleArn === undefined) failures.push(stsErrors.missing('roleArn'));
    else if (RoleArn.length < 20 || RoleArn.length > 2048) {
      failures.push(stsErrors.constraint(RoleArn, 'roleArn', `Member must have length ${RoleArn.length < 20 ? 'greater than or equal to 20' : 'less than or equal to 2048'}`));
    }
    if (RoleSessionName === undefined) failures.push(stsErrors.missing('roleSessionName'));
    else if (RoleSessionName.length < 2 || RoleSessionName.length > 64) {
      failures.push(stsErrors.constraint(RoleSessionName, 'roleSessionName', `Member must have length ${RoleSessionName.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`));
    } else if (!SESSION_NAME.test(RoleSessionName)) {
      failures.push(stsErrors.constraint(RoleSessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'));
    }
    if (DurationSeconds !== undefined && (DurationSeconds < 900 || DurationSeconds > 43200)) {
      failures.push(stsErrors.constraint(DurationSeconds, 'durationSeconds', `Member must have value ${DurationSeconds < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200'}`));
    }
    if (failures.length > 0 || RoleArn === undefined || RoleSessionName === undefined) throw stsErrors.validation(failures);
    const parsed = parseArn(RoleArn);
    const accountId = parsed && isAccountId(parsed.accountId) ? parsed.accountId : (caller?.accountId ?? this.defaults.accountId);
    const roleName = parsed?.resource.split('/').pop() || RoleArn;
    const roleId = `AROA${stableId(`${accountId}:${roleName}`, 17)}`;
    const accessKeyId = `ASIA${randomId(16)}`;
    const secretAccessKey = randomBytes(30).toString('base64');
    const expiresAt = Math.floor(this.clock.now() / 1000) * 1000 + (DurationSeconds ?? 3600) * 1000;
    const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${RoleSessionName}`;
    this.sessions.set(accessKeyId, { secretAccessKey, accountId, roleId, arn, sessionName: RoleSessionName, expiresAt });
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: secretAccessKey,
        SessionToken: randomBytes(96).toString('base64'),
        Expiration: new Date(expiresAt),
      },
      AssumedRoleUser: { AssumedRoleId: `${roleId}:${RoleSessionName}`, Arn: arn },
    };
  }
}

/** Upper-case letters and digits 2-7, as AWS's unique ids use. */
function randomId(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/** The same role gets the same id on every AssumeRole, as an IAM role keeps its RoleId. */
function stableId(seed: string, length: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from(bytes.subarray(0, length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}
