import { AwsError } from '../errors';

/**
 * S3's errors in AWS's words and statuses. S3 answers every error as `<Error><Code>…</Code><Message>…`
 * with extra members naming what was missing (BucketName, Key, Condition, …), carried in `extra`.
 */
export class S3Error extends AwsError {
  /** Headers the answer carries besides the body (x-amz-delete-marker on a deleted key, an ETag on 304). */
  headers: Record<string, string> = {};

  constructor(
    code: string,
    message: string,
    status: number,
    readonly extra: Record<string, string> = {},
  ) {
    super({ code, message, status });
  }
}

export const s3Errors = {
  noSuchBucket: (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string) => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }),
  noSuchVersion: (key: string, versionId: string) =>
    new S3Error('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId }),
  bucketNotEmpty: (bucket: string) =>
    new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new S3Error(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: bucket },
    ),
  invalidBucketName: (bucket: string) =>
    new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket }),
  preconditionFailed: (condition: string) =>
    new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition }),
  invalidRange: (range: string, size: number) =>
    new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: range,
      ActualObjectSize: String(size),
    }),
  noSuchUpload: (uploadId: string) =>
    new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    ),
  invalidPart: (uploadId: string, partNumber: number, etag: string) =>
    new S3Error(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
      400,
      { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag },
    ),
  invalidPartOrder: (uploadId: string) =>
    new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, {
      UploadId: uploadId,
    }),
  entityTooSmall: (size: number) =>
    new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
      ProposedSize: String(size),
      MinSizeAllowed: String(5 * 1024 * 1024),
    }),
  noSuchTagSet: () => new S3Error('NoSuchTagSet', 'The TagSet does not exist', 404),
  noSuchCors: (bucket: string) =>
    new S3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, { BucketName: bucket }),
  noSuchLifecycle: (bucket: string) =>
    new S3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, { BucketName: bucket }),
  methodNotAllowed: (method: string, resourceType: string) =>
    new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: method,
      ResourceType: resourceType,
    }),
  malformedXml: () =>
    new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    ),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error('InvalidArgument', message, 400, {
      ...(name !== undefined ? { ArgumentName: name } : {}),
      ...(value !== undefined ? { ArgumentValue: value } : {}),
    }),
  invalidRequest: (message: string) => new S3Error('InvalidRequest', message, 400),
  invalidTag: (message: string, key?: string) =>
    new S3Error('InvalidTag', message, 400, key === undefined ? {} : { TagKey: key }),
  badDigest: (expected: string, computed: string) =>
    new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
      ExpectedDigest: expected,
      CalculatedDigest: computed,
    }),
  invalidDigest: (value: string) =>
    new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': value }),
  badChecksum: (algorithm: string) =>
    new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400),
  keyTooLong: (size: number) =>
    new S3Error('KeyTooLongError', 'Your key is too long', 400, { MaxSizeAllowed: '1024', Size: String(size) }),
  notImplemented: (what: string) =>
    new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, { Header: what }),
  invalidStorageLocation: () =>
    new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400),
  illegalLocationConstraint: (region: string) =>
    new S3Error(
      'IllegalLocationConstraintException',
      `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    ),
  noSuchConfiguration: (bucket: string) =>
    new S3Error('NoSuchConfiguration', 'The specified configuration does not exist.', 404, { BucketName: bucket }),
  slowDown: () => new S3Error('SlowDown', 'Please reduce your request rate.', 503),
};
