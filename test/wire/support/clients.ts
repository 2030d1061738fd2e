import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';

/** What an AWS SDK v3 client throws for an error answer. */
export interface SdkError {
  name: string;
  message: string;
  $fault: string;
  $metadata: { httpStatusCode?: number };
}

/** The error a request was refused with; fails the test when the request was accepted. */
export const sdkFailure = (p: Promise<unknown>): Promise<SdkError> =>
  p.then(
    () => assert.fail('the request was accepted'),
    (e: SdkError) => e,
  );

/** A client fault as AWS records it: the code, the message (exact, or matching), HTTP 400. */
export async function refused(p: Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  const e = await sdkFailure(p);
  assert.equal(e.name, code, e.message);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
  assert.equal(e.$metadata.httpStatusCode, 400);
  assert.equal(e.$fault, 'client');
}

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const AWS_CLI = '/usr/bin/aws';
export const PYTHON = '/usr/bin/python3';

export function sqsClient(url: string): SQSClient {
  return new SQSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** An isolated home so no user profile, config or credentials leak into the CLI runs. */
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-wire-home-'));
const cliEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  AWS_MAX_ATTEMPTS: '1',
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Debian's awscli 2.9 (the query/XML protocol for SQS) against the endpoint. */
export function awsCli(url: string, args: string[]): Promise<CliResult> {
  return run(AWS_CLI, ['--endpoint-url', url, '--output', 'json', ...args]);
}

/** `aws ...` that must succeed; its JSON output, or {} when it prints nothing. */
export async function awsCliJson(url: string, args: string[]): Promise<Record<string, unknown>> {
  const r = await awsCli(url, args);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
}

export const hasBoto3 = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3']).status === 0;

export interface BotoCall {
  op: string;
  params?: Record<string, unknown>;
}
export type BotoResult =
  | { ok: true; response: Record<string, unknown> }
  | { ok: false; error: Record<string, unknown>; status: number };

/**
 * Runs calls through a boto3 client (SQS by default: the query/XML protocol in boto3 1.26; S3 path-style or
 * virtual-hosted) and returns what boto3 parsed; a streamed body comes back as text.
 */
export async function boto3(url: string, calls: BotoCall[], service: 'sqs' | 's3' = 'sqs', addressing: 'path' | 'virtual' = 'path'): Promise<BotoResult[]> {
  const script = path.join(__dirname, 'boto3_runner.py');
  const r = await run(PYTHON, [script, url, JSON.stringify(calls), service, addressing]);
  if (r.code !== 0) throw new Error(`boto3 runner failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function run(cmd: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: cliEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
