import path from 'node:path';
import { dummyAccessKey, type AccessKey } from '../broker/identity';
import { recordToFile } from '../recording/recorder';
import { LocalRuntime } from '../runtime/local-runtime';
import { RunningServer, startServer } from '../server/server';
import { services } from '../server/services';
import { version } from '../../package.json';
import { applyConfig } from './config';
import type { ServeOptions } from './serve-options';

/** `eventyard serve`: the broker and its wire endpoint until SIGINT/SIGTERM. */
export async function serve(options: ServeOptions): Promise<void> {
  const bucketsRoot = options.bucketsDir ?? (options.dataDir ? path.join(options.dataDir, 'buckets') : undefined);
  const broker = new LocalRuntime().createBroker({
    endpoint: `http://${options.host}:${options.port}`,
    bucketsRoot,
    maxMemoryBytes: options.maxMemoryBytes,
    traceBufferSize: options.traceBufferSize,
    accessKeys: options.accessKeys,
    streamCreateDelayMs: options.streamCreateDelayMs,
    identity: { ...(options.accountId ? { accountId: options.accountId } : {}), ...(options.region ? { region: options.region } : {}) },
    // A damaged or busy data folder throws StoreError here; main prints its message and exits 1.
    persistence:
      options.dataDir && options.persistence !== 'off'
        ? { dataDir: options.dataDir, mode: options.persistence, maxBytes: options.maxDataBytes }
        : undefined,
  });
  if (broker.store) {
    process.stdout.write(`State kept in ${options.dataDir} (${options.persistence}).\n`);
    const torn = broker.store.store.tornBytesDropped;
    if (torn) process.stderr.write(`warning: dropped ${torn} bytes of an unfinished write at the end of the journal (a crash cut it short).\n`);
  }
  let server: RunningServer | undefined;
  let stopping = false;
  let recording: ReturnType<typeof recordToFile> | undefined;
  // Installed before the banner announces the endpoint, so a signal sent as soon as it appears stops cleanly.
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Eventyard.\n`);
    // close() waits until the journal is written and the data folder released.
    (server?.close() ?? Promise.resolve())
      .then(() => recording?.stop())
      .then(() => {
        if (recording) process.stdout.write(`Recorded ${recording.recorder.count} requests to ${options.record}.\n`);
      }, (e: Error) => process.stderr.write(`warning: the recording ${options.record} may be incomplete: ${e.message}\n`))
      .then(() => broker.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    // Resources first, so no client ever sees the endpoint with half the declared queues missing.
    if (options.config) {
      const { resources, warnings } = await applyConfig(broker, options.config);
      process.stdout.write(`Applied ${options.config}: ${resources} resources.\n`);
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    }
    // Before the endpoint opens, so the first request a client makes is in the recording.
    if (options.record) {
      recording = recordToFile(broker, options.record, { resources: options.recordResources });
      const only = options.recordResources.length ? ` of ${options.recordResources.join(', ')}` : '';
      process.stdout.write(`Recording the traffic${only} to ${options.record}.\n`);
    }
    server = await startServer(broker, {
      port: options.port,
      host: options.host,
      allowedHosts: options.allowedHosts,
      accessKeys: options.accessKeys,
    });
  } catch (e) {
    await recording?.stop().catch(() => undefined);
    broker.dispose();
    throw e;
  }
  if (!stopping) process.stdout.write(banner(server.url, broker.identity.region, options.accessKeys[0] ?? dummyAccessKey));

}

/** With signatures checked, the environment it prints names the first configured key, so copying it works. */
function banner(url: string, region: string, key: AccessKey): string {
  return [
    `Eventyard ${version} listening on ${url}`,
    `Services: ${services.map((s) => s.name).join(', ')}   Admin: ${url}/_eventyard/health`,
    '',
    'Point your application or the AWS CLI at it:',
    `  export AWS_ENDPOINT_URL=${url}`,
    `  export AWS_REGION=${region}`,
    `  export AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
