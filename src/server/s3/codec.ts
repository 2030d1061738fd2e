import { STORED_HEADERS, type S3Action } from '../../broker/s3/api';
import { s3Errors } from '../../broker/s3/errors';
import type { ObjectVersion } from '../../broker/s3/model';
import type { LifecycleConfiguration } from '../../broker/s3/lifecycle';
import type { NotificationConfiguration } from '../../broker/s3/notification-config';
import type { GetObjectOutput } from '../../broker/s3/objects';
import type { WireRequest, WireResponse } from '../wire';
import { decodeBody } from './chunked';
import type { S3Address } from './routing';
import { document, element, list, parseXml, text, type XmlNode, type XmlValue } from './xml';

type Input = Record<string, unknown>;

const header = (r: WireRequest, name: string) => r.headers[name];
const date = (v: string | undefined) => {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t);
};
const int = (v: string | null | undefined, name: string) => {
  if (v === null || v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) throw s3Errors.invalidArgument(`Provided ${name} not an integer or within integer range`, name, v);
  return n;
};

/** What a writer says about the object: content type, stored headers, `x-amz-meta-*`, tagging, storage class. */
function objectAttributes(r: WireRequest): Input {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let v = header(r, name.toLowerCase());
    // aws-chunked is how the body travelled, not how it is stored.
    if (name === 'Content-Encoding' && v !== undefined) v = v.split(',').map((e) => e.trim()).filter((e) => e && e !== 'aws-chunked').join(',') || undefined;
    if (v !== undefined) headers[name] = v;
  }
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (k.startsWith('x-amz-meta-') && v !== undefined) metadata[k.slice(11)] = v;
  return {
    ContentType: header(r, 'content-type'),
    Headers: headers,
    Metadata: metadata,
    Tagging: header(r, 'x-amz-tagging'),
    StorageClass: header(r, 'x-amz-storage-class'),
  };
}

function conditions(r: WireRequest): Input {
  return {
    IfMatch: header(r, 'if-match'),
    IfNoneMatch: header(r, 'if-none-match'),
    IfModifiedSince: date(header(r, 'if-modified-since')),
    IfUnmodifiedSince: date(header(r, 'if-unmodified-since')),
  };
}

function tagSet(body: Buffer): { TagSet: { Key: string; Value: string }[] } {
  const root = parseXml(body, 'Tagging');
  const set = (root.TagSet ?? {}) as XmlNode;
  return { TagSet: list(set, 'Tag').map((t) => ({ Key: text(t, 'Key') ?? '', Value: text(t, 'Value') ?? '' })) };
}

function notificationConfiguration(body: Buffer): NotificationConfiguration {
  const root = body.length ? parseXml(body, 'NotificationConfiguration') : {};
  const base = (c: XmlNode) => {
    const rules = list((((c.Filter as XmlNode | undefined)?.S3Key ?? {}) as XmlNode), 'FilterRule').map((f) => ({ Name: text(f, 'Name') ?? '', Value: text(f, 'Value') ?? '' }));
    return {
      ...(text(c, 'Id') ? { Id: text(c, 'Id') } : {}),
      Events: list(c, 'Event').length ? (c.Event as unknown[]).map(String) : [],
      ...(rules.length ? { Filter: { Key: { FilterRules: rules } } } : {}),
    };
  };
  const queues = list(root, 'QueueConfiguration').map((c) => ({ ...base(c), QueueArn: text(c, 'Queue') ?? '' }));
  const topics = list(root, 'TopicConfiguration').map((c) => ({ ...base(c), TopicArn: text(c, 'Topic') ?? '' }));
  const functions = [...list(root, 'CloudFunctionConfiguration'), ...list(root, 'LambdaFunctionConfiguration')].map((c) => ({
    ...base(c),
    LambdaFunctionArn: text(c, 'CloudFunction') ?? text(c, 'LambdaFunctionArn') ?? '',
  }));
  return {
    ...(queues.length ? { QueueConfigurations: queues } : {}),
    ...(topics.length ? { TopicConfigurations: topics } : {}),
    ...(functions.length ? { LambdaFunctionConfigurations: functions } : {}),
    ...(root.EventBridgeConfiguration !== undefined ? { EventBridgeConfiguration: {} } : {}),
  };
}

/** The rules of a lifecycle document the broker applies (expiration of current versions), with the document itself. */
function lifecycleConfiguration(body: Buffer): LifecycleConfiguration {
  const root = parseXml(body, 'LifecycleConfiguration');
  const rules = list(root, 'Rule').map((rule) => {
    const filter = (rule.Filter ?? {}) as XmlNode;
    const and = (filter.And ?? {}) as XmlNode;
    const expiration = (rule.Expiration ?? {}) as XmlNode;
    const days = text(expiration, 'Days');
    const date = text(expiration, 'Date');
    return {
      ...(text(rule, 'ID') ? { id: text(rule, 'ID') } : {}),
      enabled: text(rule, 'Status') === 'Enabled',
      prefix: text(filter, 'Prefix') ?? text(and, 'Prefix') ?? text(rule, 'Prefix') ?? '',
      ...(days !== undefined ? { days: Number(days) } : {}),
      ...(date !== undefined && !Number.isNaN(Date.parse(date)) ? { date: Date.parse(date) } : {}),
    };
  });
  for (const r of rules) {
    if (r.days !== undefined && (!Number.isInteger(r.days) || r.days < 1)) {
      throw s3Errors.invalidArgument("'Days' for Expiration action must be a positive integer", 'Days', String(r.days));
    }
  }
  return { xml: body.toString('utf8'), rules };
}

/** The engine's input for an action, from the request's path, query, headers and body. */
export function decodeInput(action: S3Action, r: WireRequest, a: S3Address): Input {
  const q = r.query;
  const Bucket = a.bucket;
  const Key = a.key;
  const VersionId = q.get('versionId') ?? undefined;
  switch (action) {
    case 'ListBuckets':
      return { Prefix: q.get('prefix') ?? undefined };
    case 'CreateBucket': {
      const root = r.body.length ? parseXml(r.body, 'CreateBucketConfiguration') : undefined;
      return { Bucket, ...(root ? { CreateBucketConfiguration: { LocationConstraint: text(root, 'LocationConstraint') } } : {}) };
    }
    case 'PutBucketTagging':
      return { Bucket, Tagging: tagSet(r.body) };
    case 'PutBucketVersioning':
      return { Bucket, VersioningConfiguration: { Status: text(parseXml(r.body, 'VersioningConfiguration'), 'Status') } };
    case 'PutBucketNotificationConfiguration':
      return {
        Bucket,
        NotificationConfiguration: notificationConfiguration(r.body),
        SkipDestinationValidation: header(r, 'x-amz-skip-destination-validation') === 'true',
      };
    case 'PutBucketCors':
      parseXml(r.body, 'CORSConfiguration');
      return { Bucket, CORSConfiguration: r.body.toString('utf8') };
    case 'PutBucketLifecycleConfiguration':
      return { Bucket, LifecycleConfiguration: lifecycleConfiguration(r.body) };
    case 'ListObjectsV2':
      return {
        Bucket,
        Prefix: q.get('prefix') ?? undefined,
        Delimiter: q.get('delimiter') || undefined,
        MaxKeys: int(q.get('max-keys'), 'max-keys'),
        ContinuationToken: q.get('continuation-token') ?? undefined,
        StartAfter: q.get('start-after') ?? undefined,
        FetchOwner: q.get('fetch-owner') === 'true',
        EncodingType: q.get('encoding-type') ?? undefined,
      };
    case 'ListObjects':
      return {
        Bucket,
        Prefix: q.get('prefix') ?? undefined,
        Delimiter: q.get('delimiter') || undefined,
        MaxKeys: int(q.get('max-keys'), 'max-keys'),
        Marker: q.get('marker') ?? undefined,
        EncodingType: q.get('encoding-type') ?? undefined,
      };
    case 'ListObjectVersions':
      return {
        Bucket,
        Prefix: q.get('prefix') ?? undefined,
        Delimiter: q.get('delimiter') || undefined,
        MaxKeys: int(q.get('max-keys'), 'max-keys'),
        KeyMarker: q.get('key-marker') || undefined,
        VersionIdMarker: q.get('version-id-marker') || undefined,
        EncodingType: q.get('encoding-type') ?? undefined,
      };
    case 'ListMultipartUploads':
      return { Bucket, Prefix: q.get('prefix') ?? undefined, MaxUploads: int(q.get('max-uploads'), 'max-uploads') };
    case 'PutObject': {
      const { body, checksums } = decodeBody(r);
      return { Bucket, Key, Body: body, Checksums: checksums, ContentMD5: header(r, 'content-md5'), ...objectAttributes(r), IfMatch: header(r, 'if-match'), IfNoneMatch: header(r, 'if-none-match') };
    }
    case 'GetObject':
    case 'HeadObject':
      return { Bucket, Key, VersionId, Range: header(r, 'range'), PartNumber: int(q.get('partNumber'), 'partNumber'), ...conditions(r) };
    case 'DeleteObject':
    case 'GetObjectTagging':
    case 'DeleteObjectTagging':
      return { Bucket, Key, VersionId };
    case 'PutObjectTagging':
      return { Bucket, Key, VersionId, Tagging: tagSet(r.body) };
    case 'DeleteObjects': {
      const root = parseXml(r.body, 'Delete');
      return {
        Bucket,
        Delete: {
          Objects: list(root, 'Object').map((o) => ({ Key: text(o, 'Key') ?? '', ...(text(o, 'VersionId') ? { VersionId: text(o, 'VersionId') } : {}) })),
          Quiet: text(root, 'Quiet') === 'true',
        },
      };
    }
    case 'CopyObject':
      return {
        Bucket,
        Key,
        CopySource: header(r, 'x-amz-copy-source'),
        MetadataDirective: header(r, 'x-amz-metadata-directive'),
        TaggingDirective: header(r, 'x-amz-tagging-directive'),
        CopySourceIfMatch: header(r, 'x-amz-copy-source-if-match'),
        CopySourceIfNoneMatch: header(r, 'x-amz-copy-source-if-none-match'),
        CopySourceIfModifiedSince: date(header(r, 'x-amz-copy-source-if-modified-since')),
        CopySourceIfUnmodifiedSince: date(header(r, 'x-amz-copy-source-if-unmodified-since')),
        ...objectAttributes(r),
      };
    case 'CreateMultipartUpload':
      return { Bucket, Key, ChecksumAlgorithm: header(r, 'x-amz-checksum-algorithm'), ...objectAttributes(r) };
    case 'UploadPart': {
      const { body, checksums } = decodeBody(r);
      return { Bucket, Key, UploadId: q.get('uploadId'), PartNumber: int(q.get('partNumber'), 'partNumber'), Body: body, Checksums: checksums };
    }
    case 'UploadPartCopy':
      return {
        Bucket,
        Key,
        UploadId: q.get('uploadId'),
        PartNumber: int(q.get('partNumber'), 'partNumber'),
        CopySource: header(r, 'x-amz-copy-source'),
        CopySourceRange: header(r, 'x-amz-copy-source-range'),
      };
    case 'ListParts':
      return { Bucket, Key, UploadId: q.get('uploadId'), MaxParts: int(q.get('max-parts'), 'max-parts'), PartNumberMarker: int(q.get('part-number-marker'), 'part-number-marker') };
    case 'AbortMultipartUpload':
      return { Bucket, Key, UploadId: q.get('uploadId') };
    case 'CompleteMultipartUpload': {
      const root = parseXml(r.body, 'CompleteMultipartUpload');
      return {
        Bucket,
        Key,
        UploadId: q.get('uploadId'),
        MultipartUpload: { Parts: list(root, 'Part').map((p) => ({ PartNumber: Number(text(p, 'PartNumber')), ETag: text(p, 'ETag') ?? '' })) },
      };
    }
    default:
      return { Bucket };
  }
}

const ok = (headers: Record<string, string> = {}, status = 200): WireResponse => ({ status, headers, body: '' });
const xml = (root: string, members: Record<string, XmlValue> | string, headers: Record<string, string> = {}): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/xml', ...headers },
  body: document(root, members),
});

/** `url` encoding-type: keys and prefixes percent-encoded in list answers. */
function encoder(encodingType: unknown): (v: string) => string {
  return encodingType === 'url' ? (v) => encodeURIComponent(v).replace(/%2F/g, '/') : (v) => v;
}

/** The headers of an object as GET and HEAD answer them. */
export function objectHeaders(v: ObjectVersion, versioned: boolean, checksumMode: boolean, whole: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'last-modified': new Date(v.lastModified).toUTCString(),
    etag: v.etag,
    'content-type': v.contentType ?? 'binary/octet-stream',
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(v.headers ?? {})) h[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(v.metadata ?? {})) h[`x-amz-meta-${name}`] = value;
  if (versioned) h['x-amz-version-id'] = v.versionId;
  if (v.tags?.length) h['x-amz-tagging-count'] = String(v.tags.length);
  if (v.storageClass) h['x-amz-storage-class'] = v.storageClass;
  // A checksum describes the whole object: sent only when asked for and for a whole single-part read.
  if (checksumMode && whole && v.checksums) {
    for (const [alg, value] of Object.entries(v.checksums)) h[`x-amz-checksum-${alg.toLowerCase()}`] = value;
  }
  return h;
}

function checksumHeaders(checksums: unknown): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [alg, value] of Object.entries((checksums ?? {}) as Record<string, string>)) h[`x-amz-checksum-${alg.toLowerCase()}`] = value;
  return h;
}

/** The REST answer for an action's output: headers, and an XML document where S3 sends one. */
export function encodeOutput(action: S3Action, out: Record<string, unknown>, r: WireRequest, input: Input, versioned: boolean): WireResponse {
  const o = out as Record<string, XmlValue> & Record<string, unknown>;
  const version = (v: unknown): Record<string, string> => (v === undefined ? {} : { 'x-amz-version-id': String(v) });
  switch (action) {
    case 'ListBuckets':
      return xml('ListAllMyBucketsResult', {
        Owner: o.Owner,
        Buckets: { Bucket: (o.Buckets as { Name: string; CreationDate: Date }[]).map((b) => ({ Name: b.Name, CreationDate: b.CreationDate })) },
      });
    case 'CreateBucket':
      return ok({ location: String(o.Location) });
    case 'HeadBucket':
      return ok({ 'x-amz-bucket-region': String(o.BucketRegion) });
    case 'GetBucketLocation':
      return xml('LocationConstraint', escapeText(String(o.LocationConstraint ?? '')));
    case 'GetBucketTagging':
      return xml('Tagging', { TagSet: { Tag: o.TagSet } });
    case 'GetBucketVersioning':
      return xml('VersioningConfiguration', o.Status ? { Status: o.Status } : {});
    case 'GetBucketNotificationConfiguration':
      return xml('NotificationConfiguration', notificationXml(out as NotificationConfiguration));
    case 'GetBucketCors':
    case 'GetBucketLifecycleConfiguration': {
      const stored = String(action === 'GetBucketCors' ? o.CORSConfiguration : (o.LifecycleConfiguration as unknown as LifecycleConfiguration).xml);
      return { status: 200, headers: { 'content-type': 'application/xml' }, body: stored };
    }
    case 'DeleteBucket':
    case 'DeleteBucketTagging':
    case 'DeleteBucketCors':
    case 'DeleteBucketLifecycle':
    case 'AbortMultipartUpload':
      return ok({}, 204);
    case 'ListObjectsV2':
    case 'ListObjects': {
      const enc = encoder(o.EncodingType);
      const contents = (o.Contents as Record<string, XmlValue>[]).map((c) => ({ ...c, Key: enc(String(c.Key)) }));
      const members: Record<string, XmlValue> = { Name: o.Name, Prefix: enc(String(o.Prefix)) };
      if (action === 'ListObjects') members.Marker = enc(String(o.Marker));
      if (o.NextMarker !== undefined) members.NextMarker = enc(String(o.NextMarker));
      if (o.StartAfter !== undefined) members.StartAfter = enc(String(o.StartAfter));
      if (o.ContinuationToken !== undefined) members.ContinuationToken = o.ContinuationToken;
      if (o.NextContinuationToken !== undefined) members.NextContinuationToken = o.NextContinuationToken;
      if (o.KeyCount !== undefined) members.KeyCount = o.KeyCount;
      members.MaxKeys = o.MaxKeys;
      if (o.Delimiter !== undefined) members.Delimiter = enc(String(o.Delimiter));
      members.IsTruncated = o.IsTruncated;
      if (o.EncodingType !== undefined) members.EncodingType = o.EncodingType;
      members.Contents = contents;
      members.CommonPrefixes = (o.CommonPrefixes as { Prefix: string }[]).map((p) => ({ Prefix: enc(p.Prefix) }));
      return xml('ListBucketResult', members);
    }
    case 'ListObjectVersions': {
      const enc = encoder(o.EncodingType);
      const versions = [...(o.Versions as Record<string, XmlValue>[])];
      const markers = [...(o.DeleteMarkers as Record<string, XmlValue>[])];
      const entries = (o.Ordered as string[])
        .map((kind) => {
          const entry = (kind === 'Version' ? versions : markers).shift()!;
          return element(kind, { ...entry, Key: enc(String(entry.Key)) });
        })
        .join('');
      const head = [
        element('Name', o.Name),
        element('Prefix', enc(String(o.Prefix))),
        element('KeyMarker', enc(String(o.KeyMarker))),
        element('VersionIdMarker', o.VersionIdMarker),
        o.NextKeyMarker !== undefined ? element('NextKeyMarker', enc(String(o.NextKeyMarker))) : '',
        element('NextVersionIdMarker', o.NextVersionIdMarker),
        element('MaxKeys', o.MaxKeys),
        o.Delimiter !== undefined ? element('Delimiter', enc(String(o.Delimiter))) : '',
        element('IsTruncated', o.IsTruncated),
        element('EncodingType', o.EncodingType),
      ].join('');
      const prefixes = (o.CommonPrefixes as { Prefix: string }[]).map((p) => element('CommonPrefixes', { Prefix: enc(p.Prefix) })).join('');
      return xml('ListVersionsResult', head + entries + prefixes);
    }
    case 'ListMultipartUploads':
      return xml('ListMultipartUploadsResult', { Bucket: o.Bucket, KeyMarker: '', UploadIdMarker: '', Prefix: o.Prefix, MaxUploads: o.MaxUploads, IsTruncated: o.IsTruncated, Upload: o.Uploads });
    case 'PutObject':
      return ok({ etag: String(o.ETag), ...version(o.VersionId), ...checksumHeaders(o.Checksums) });
    case 'GetObject':
    case 'HeadObject': {
      const g = out as unknown as GetObjectOutput;
      const v = g.version;
      const whole = g.range === undefined;
      const h = objectHeaders(v, versioned, r.headers['x-amz-checksum-mode'] === 'ENABLED', whole);
      const length = whole ? v.size : g.range!.end - g.range!.start + 1;
      h['content-length'] = String(length);
      if (g.range) h['content-range'] = `bytes ${g.range.start}-${g.range.end}/${v.size}`;
      const status = g.range ? 206 : 200;
      if (action === 'HeadObject' || length === 0) return { status, headers: h, body: '' };
      return { status, headers: h, body: '', stream: g.Body };
    }
    case 'DeleteObject':
      return ok({ ...(o.DeleteMarker ? { 'x-amz-delete-marker': 'true' } : {}), ...version(o.VersionId) }, 204);
    case 'DeleteObjects':
      return xml('DeleteResult', { Deleted: o.Deleted, Error: o.Errors });
    case 'CopyObject':
      return xml('CopyObjectResult', o.CopyObjectResult as Record<string, XmlValue>, {
        ...version(o.VersionId),
        ...(o.CopySourceVersionId !== undefined ? { 'x-amz-copy-source-version-id': String(o.CopySourceVersionId) } : {}),
      });
    case 'GetObjectTagging':
      return xml('Tagging', { TagSet: { Tag: o.TagSet } }, version(o.VersionId));
    case 'PutObjectTagging':
      return ok(version(o.VersionId));
    case 'DeleteObjectTagging':
      return ok(version(o.VersionId), 204);
    case 'CreateMultipartUpload':
      return xml('InitiateMultipartUploadResult', { Bucket: o.Bucket, Key: o.Key, UploadId: o.UploadId }, o.ChecksumAlgorithm ? { 'x-amz-checksum-algorithm': String(o.ChecksumAlgorithm) } : {});
    case 'UploadPart':
      return ok({ etag: String(o.ETag), ...checksumHeaders(o.Checksums) });
    case 'UploadPartCopy':
      return xml('CopyPartResult', o.CopyPartResult as Record<string, XmlValue>);
    case 'ListParts':
      return xml('ListPartsResult', {
        Bucket: o.Bucket,
        Key: o.Key,
        UploadId: o.UploadId,
        PartNumberMarker: o.PartNumberMarker,
        NextPartNumberMarker: o.NextPartNumberMarker,
        MaxParts: o.MaxParts,
        IsTruncated: o.IsTruncated,
        StorageClass: o.StorageClass,
        Part: o.Parts,
      });
    case 'CompleteMultipartUpload':
      return xml(
        'CompleteMultipartUploadResult',
        { Location: `${r.endpoint}/${String(o.Bucket)}/${encodeURIComponent(String(o.Key)).replace(/%2F/g, '/')}`, Bucket: o.Bucket, Key: o.Key, ETag: o.ETag },
        version(o.VersionId),
      );
    default:
      void input;
      return ok();
  }
}

function escapeText(v: string): string {
  return element('x', v).slice(3, -4);
}

function notificationXml(c: NotificationConfiguration): string {
  const filter = (f: { Key?: { FilterRules?: { Name: string; Value: string }[] } } | undefined): XmlValue =>
    f?.Key?.FilterRules?.length ? { S3Key: { FilterRule: f.Key.FilterRules.map((r) => ({ Name: r.Name, Value: r.Value })) } } : undefined;
  const one = (root: string, arnName: string, arn: string, x: { Id?: string; Events: string[]; Filter?: unknown }) =>
    element(root, { Id: x.Id, [arnName]: arn, Event: x.Events, Filter: filter(x.Filter as never) });
  return [
    ...(c.TopicConfigurations ?? []).map((x) => one('TopicConfiguration', 'Topic', x.TopicArn, x)),
    ...(c.QueueConfigurations ?? []).map((x) => one('QueueConfiguration', 'Queue', x.QueueArn, x)),
    ...(c.LambdaFunctionConfigurations ?? []).map((x) => one('CloudFunctionConfiguration', 'CloudFunction', x.LambdaFunctionArn, x)),
    c.EventBridgeConfiguration ? '<EventBridgeConfiguration></EventBridgeConfiguration>' : '',
  ].join('');
}
