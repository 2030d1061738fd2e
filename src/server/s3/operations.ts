import type { S3Action } from '../../broker/s3/api';
import { s3Errors } from '../../broker/s3/errors';
import type { WireRequest } from '../wire';
import type { S3Address } from './routing';

/**
 * S3's sub-resources that this service does not implement. A request naming one must not fall through to
 * the action without it: `DELETE /bucket?policy` would delete the bucket and `PUT /bucket/key?acl` would
 * overwrite the object with the ACL's XML. S3 itself ignores query parameters it does not know (the SDKs add
 * `x-id`), so only these are refused.
 */
const UNIMPLEMENTED_SUBRESOURCES = [
  'acl', 'policy', 'policyStatus', 'website', 'logging', 'encryption', 'replication', 'requestPayment', 'accelerate',
  'analytics', 'inventory', 'metrics', 'intelligent-tiering', 'ownershipControls', 'publicAccessBlock', 'object-lock',
  'legal-hold', 'retention', 'restore', 'select', 'torrent', 'attributes', 'session', 'metadataTable', 'renameObject',
];

/**
 * Which S3 action a REST request is: its method, whether it names a bucket and a key, and its
 * sub-resource (`?tagging`, `?versioning`, `?uploads`, ...), as S3's REST API defines them.
 */
export function actionOf(request: WireRequest, address: S3Address): S3Action {
  const q = request.query;
  const method = request.method;
  const has = (name: string) => q.has(name);
  const unimplemented = UNIMPLEMENTED_SUBRESOURCES.find(has);
  if (unimplemented !== undefined && address.bucket !== undefined) throw s3Errors.notImplemented(`?${unimplemented}`);
  if (address.bucket === undefined) {
    if (method === 'GET') return 'ListBuckets';
    throw s3Errors.methodNotAllowed(method, 'SERVICE');
  }
  if (address.key === undefined) {
    switch (method) {
      case 'GET':
        if (has('location')) return 'GetBucketLocation';
        if (has('tagging')) return 'GetBucketTagging';
        if (has('versioning')) return 'GetBucketVersioning';
        if (has('notification')) return 'GetBucketNotificationConfiguration';
        if (has('cors')) return 'GetBucketCors';
        if (has('lifecycle')) return 'GetBucketLifecycleConfiguration';
        if (has('versions')) return 'ListObjectVersions';
        if (has('uploads')) return 'ListMultipartUploads';
        if (q.get('list-type') === '2') return 'ListObjectsV2';
        return 'ListObjects';
      case 'HEAD':
        return 'HeadBucket';
      case 'PUT':
        if (has('tagging')) return 'PutBucketTagging';
        if (has('versioning')) return 'PutBucketVersioning';
        if (has('notification')) return 'PutBucketNotificationConfiguration';
        if (has('cors')) return 'PutBucketCors';
        if (has('lifecycle')) return 'PutBucketLifecycleConfiguration';
        return 'CreateBucket';
      case 'DELETE':
        if (has('tagging')) return 'DeleteBucketTagging';
        if (has('cors')) return 'DeleteBucketCors';
        if (has('lifecycle')) return 'DeleteBucketLifecycle';
        return 'DeleteBucket';
      case 'POST':
        if (has('delete')) return 'DeleteObjects';
        break;
    }
    throw s3Errors.methodNotAllowed(method, 'BUCKET');
  }
  switch (method) {
    case 'GET':
      if (has('tagging')) return 'GetObjectTagging';
      if (has('uploadId')) return 'ListParts';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (has('tagging')) return 'PutObjectTagging';
      if (has('uploadId') && has('partNumber')) return request.headers['x-amz-copy-source'] ? 'UploadPartCopy' : 'UploadPart';
      if (request.headers['x-amz-copy-source']) return 'CopyObject';
      return 'PutObject';
    case 'DELETE':
      if (has('tagging')) return 'DeleteObjectTagging';
      if (has('uploadId')) return 'AbortMultipartUpload';
      return 'DeleteObject';
    case 'POST':
      if (has('uploads')) return 'CreateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      break;
  }
  throw s3Errors.methodNotAllowed(method, 'OBJECT');
}
