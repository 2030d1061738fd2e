import { decodeRecording } from '../recording/recording';
import { replay } from '../recording/replayer';
import { compileTransform } from '../recording/transform';
import type { ReplayCliOptions } from './replay-options';
import { readInputFile } from './input-file';
import { UsageError } from './serve-options';

/** `eventyard replay FILE`: resolves to the exit code (0 all taken, 1 some refused). */
export async function replayCommand(options: ReplayCliOptions): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const text = readInputFile(options.file);
  let requests;
  let transform;
  try {
    requests = decodeRecording(text);
    transform = options.transform === undefined ? undefined : compileTransform(options.transform);
  } catch (e) {
    throw new UsageError(`${options.file}: ${(e as Error).message}`);
  }
  const pace = options.speed === Infinity ? 'as fast as possible' : options.speed === 1 ? 'at the recorded pace' : `${options.speed}x faster`;
  process.stdout.write(`Replaying ${requests.length} requests of ${options.file} to ${options.endpoint}, ${pace}.\n`);
  const result = await replay(requests, {
    endpoint: options.endpoint,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    credentials: process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }
      : undefined,
    speed: options.speed,
    transform,
    onSent: (index, error) => {
      if (error) process.stderr.write(`request ${index + 1} (${requests[index].service} ${requests[index].action} ${requests[index].resource}): ${error}\n`);
    },
  });
  process.stdout.write(`${result.sent} sent, ${result.failed.length} refused, ${result.skipped} left out by the transform, in ${(result.elapsed / 1000).toFixed(1)} s.\n`);
  return result.failed.length ? 1 : 0;
}
