/**
 * S3 over the wire with the real AWS SDK v3: PutObject and GetObject of 4 KiB and 8 MiB objects, Eventyard
 * (`eventyard serve --buckets-dir`, objects as files) and s3rver (objects as files too) side by side in the
 * same run, same client, runs alternating. Both clients send plain bodies (checksums only when required),
 * since s3rver does not read aws-chunked uploads.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emit, main, median, quick, progress, Row, row } from './lib/harness';
import { clientOptions, inParallel, ServerProcess, startEventyard, startS3rver } from './lib/servers';

const RUNS = quick ? 2 : 3;
const CASES = [
  { label: '4 KiB', bytes: 4 * 1024, count: quick ? 100 : 400, concurrency: 8 },
  { label: '8 MiB', bytes: 8 * 1024 * 1024, count: quick ? 4 : 12, concurrency: 2 },
];

let bucketCount = 0;

async function putThenGet(server: ServerProcess, bytes: number, count: number, concurrency: number): Promise<{ put: number; get: number }> {
  // s3rver checks signatures against its one built-in key; Eventyard accepts any: both get that key.
  const client = new S3Client({ ...clientOptions(server, concurrency), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  const Bucket = `bench-${bucketCount++}`;
  await client.send(new CreateBucketCommand({ Bucket }));
  const body = Buffer.alloc(bytes, 97);
  let start = process.hrtime.bigint();
  await inParallel(concurrency, count, (i) => client.send(new PutObjectCommand({ Bucket, Key: `objects/${i}`, Body: body })));
  const putSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  start = process.hrtime.bigint();
  await inParallel(concurrency, count, async (i) => {
    const out = await client.send(new GetObjectCommand({ Bucket, Key: `objects/${i}` }));
    const got = await out.Body!.transformToByteArray();
    if (got.length !== bytes) throw new Error(`${server.name}: object ${i} has ${got.length} bytes, not ${bytes}`);
  });
  const getSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  client.destroy();
  return { put: count / putSeconds, get: count / getSeconds };
}

main(async () => {
  const folders = [fs.mkdtempSync(path.join(os.tmpdir(), 'bench-s3-eventyard-')), fs.mkdtempSync(path.join(os.tmpdir(), 'bench-s3rver-'))];
  const eventyard = await startEventyard(['--buckets-dir', folders[0]]);
  const s3rver = await startS3rver(folders[1]);
  progress(`eventyard at ${eventyard.url}, s3rver at ${s3rver.url}`);
  const rows: Row[] = [];
  try {
    for (const c of CASES) {
      const ours = { put: [] as number[], get: [] as number[] };
      const peer = { put: [] as number[], get: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        for (const [server, figures] of [[eventyard, ours], [s3rver, peer]] as const) {
          const r = await putThenGet(server, c.bytes, c.count, c.concurrency);
          figures.put.push(r.put);
          figures.get.push(r.get);
          progress(`${c.label} run ${run + 1}/${RUNS} ${server.name}: put ${r.put.toFixed(1)}/s, get ${r.get.toFixed(1)}/s`);
        }
      }
      const peerOf = (runs: number[]) => ({ name: 's3rver', median: Math.round(median(runs) * 10) / 10 });
      rows.push(
        row(`wire s3 PutObject ${c.label}, c=${c.concurrency}`, 'throughput', 'obj/s', ours.put, { peer: peerOf(peer.put) }),
        row(`wire s3 GetObject ${c.label}, c=${c.concurrency}`, 'throughput', 'obj/s', ours.get, { peer: peerOf(peer.get) }),
      );
    }
  } finally {
    await Promise.all([eventyard.stop(), s3rver.stop()]);
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
  }
  emit('wire-s3', rows);
});
