import { payloadText } from './payload-text';
import type { OpenedSource, SearchPorts } from './ports';
import type { SearchItem } from './types';

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * The objects a delivery stream wrote: the bucket's keys under the prefix's fixed part (before any
 * `!{...}` expression), newest first by time written. Read through S3's own GetObject, as a client would.
 */
export function openDeliveryObjects(ports: SearchPorts, name: string, newestFirst: boolean): OpenedSource {
  const summary = ports.firehose.listDeliveryStreamSummaries().find((s) => s.name === name);
  if (!summary) throw new Error(`Delivery stream ${name} not found.`);
  const bucket = summary.bucket;
  if (!bucket || !ports.s3.buckets.has(bucket)) return { total: 0, items: [] };
  const expression = summary.prefix.indexOf('!{');
  const prefix = expression < 0 ? summary.prefix : summary.prefix.slice(0, expression);
  const objects: { key: string; at: number }[] = [];
  let token: string | undefined;
  do {
    const page = ports.s3.operations.ListObjectsV2({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) });
    for (const o of page.Contents) objects.push({ key: o.Key, at: o.LastModified.getTime() });
    token = page.NextContinuationToken;
  } while (token);
  objects.sort((a, b) => (newestFirst ? b.at - a.at : a.at - b.at) || (newestFirst ? b.key.localeCompare(a.key) : a.key.localeCompare(b.key)));
  async function* items(): AsyncGenerator<SearchItem> {
    for (const o of objects) {
      let bytes: Buffer;
      try {
        bytes = await bytesOf(ports.s3.operations.GetObject({ Bucket: bucket, Key: o.key }).Body);
      } catch {
        continue; // deleted while the search ran
      }
      const text = payloadText(bytes);
      yield { kind: 'deliveryStream', resource: name, id: o.key, body: text.data, ...(text.binary ? { binary: true } : {}), at: o.at, attributes: { bucket } };
    }
  }
  return { total: objects.length, items: items() };
}
