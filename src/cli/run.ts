import fs from 'node:fs';
import path from 'node:path';
import { parseEventFile } from '../event-files/parse';
import { junitXml } from '../event-files/junit';
import { runEventFile, type FileResult } from '../event-files/runner';
import { formatStep, formatTotals } from '../event-files/summary';
import type { EventFile } from '../event-files/model';
import { LocalRuntime } from '../runtime/local-runtime';
import { startServer } from '../server/server';
import { applyConfig } from './config';
import type { RunOptions } from './run-options';

const DEFINITIONS = ['eventyard.yaml', 'eventyard.yml', 'eventyard.json'];

/**
 * `eventyard run FILE...`: every file is checked before anything runs (a malformed one is exit code 2 with
 * its positions), then run in order against `--endpoint` or a broker started here for the run.
 * Resolves to the exit code: 0 all passed, 1 a step failed, 2 a malformed file.
 */
export async function run(options: RunOptions): Promise<number> {
  // The SDK's notice about its own future Node support concerns Eventyard's packaging, not the user's run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const files: { path: string; file: EventFile }[] = [];
  let malformed = false;
  for (const file of options.files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`${file}: cannot read it: ${(e as Error).message}\n`);
      malformed = true;
      continue;
    }
    const parsed = parseEventFile(text);
    for (const issue of parsed.issues) {
      process.stderr.write(`${file}:${issue.range.start.line + 1}:${issue.range.start.character + 1}: ${issue.message}\n`);
    }
    if (parsed.file) files.push({ path: file, file: parsed.file });
    else malformed = true;
  }
  if (malformed) return 2;

  const local = options.endpoint ? undefined : await startLocal(options.config);
  const results: { path: string; result: FileResult }[] = [];
  try {
    const endpoint = options.endpoint ?? local!.url;
    for (const { path: file, file: content } of files) {
      process.stdout.write(`${file}\n`);
      const result = await runEventFile(content.name ?? path.basename(file), content, {
        endpoint,
        region: options.region ?? process.env.AWS_REGION,
        credentials: credentials(),
        environment: options.environment,
        seed: options.seed,
        onStep: (step) => process.stdout.write(`${formatStep(step)}\n`),
      });
      results.push({ path: file, result });
    }
  } finally {
    await local?.close();
  }
  process.stdout.write(`\n${formatTotals(results.map((r) => r.result))}\n`);
  if (options.junit) {
    fs.mkdirSync(path.dirname(path.resolve(options.junit)), { recursive: true });
    fs.writeFileSync(options.junit, junitXml(results));
    process.stdout.write(`JUnit XML written to ${options.junit}\n`);
  }
  return results.every((r) => r.result.passed) ? 0 : 1;
}

/** The broker `serve` would start, on a free port, with the workspace's definitions applied. */
async function startLocal(config: string | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const definitions = config ?? DEFINITIONS.find((f) => fs.existsSync(f));
  const broker = new LocalRuntime().createBroker({ endpoint: 'http://127.0.0.1:0', accessKeys: [] });
  try {
    if (definitions) {
      const { resources, warnings } = await applyConfig(broker, definitions);
      process.stdout.write(`Applied ${definitions}: ${resources} resources.\n`);
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    }
    const server = await startServer(broker, { port: 0, host: '127.0.0.1' });
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await broker.close();
      },
    };
  } catch (e) {
    broker.dispose();
    throw e;
  }
}

/** The environment's keys when set (a broker checking signatures needs them), else the test keys. */
function credentials(): { accessKeyId: string; secretAccessKey: string } | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}
