import { AwsError } from '../../broker/errors';

/**
 * The errors AWS's front ends give for missing or wrong signatures. Query-protocol services (SQS, SNS;
 * SQS's JSON protocol reports the same codes through x-amzn-query-error) use the IAM-style names with
 * 403; JSON 1.1 services (Kinesis, Firehose, EventBridge) use the Coral exception names, all with 400.
 */
export type AuthStyle = 'query' | 'json' | 's3';

/** S3 words them its own way, always 403 but for a malformed header (400). */
const S3_SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const authErrors = {
  missing: (style: AuthStyle) =>
    style === 's3'
      ? new AwsError({ code: 'AccessDenied', message: 'Access Denied', status: 403 })
      : style === 'json'
      ? new AwsError({ code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' })
      : new AwsError({ code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token', status: 403 }),
  incomplete: (style: AuthStyle, message: string) =>
    new AwsError({ code: style === 's3' ? 'AuthorizationHeaderMalformed' : style === 'json' ? 'IncompleteSignatureException' : 'IncompleteSignature', message }),
  unknownKey: (style: AuthStyle) =>
    style === 's3'
      ? new AwsError({ code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.', status: 403 })
      : new AwsError({
      code: style === 'json' ? 'UnrecognizedClientException' : 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: style === 'json' ? 400 : 403,
    }),
  mismatch: (style: AuthStyle, message = style === 's3' ? S3_SIGNATURE_MISMATCH : SIGNATURE_MISMATCH) =>
    new AwsError({
      code: style === 'json' ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
      message,
      status: style === 'json' ? 400 : 403,
    }),
  /** A presigned URL past its X-Amz-Expires. */
  expired: () => new AwsError({ code: 'AccessDenied', message: 'Request has expired', status: 403 }),
};
