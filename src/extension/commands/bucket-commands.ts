import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { BrokerClient } from '../client/broker-client';
import { dropTarget } from '../buckets/bucket-drop';
import { objectUri } from '../buckets/object-documents';
import { uploadUris } from '../buckets/upload';
import type { ResourceNode } from '../tree/nodes';
import * as rules from '../validation/rules';
import { pickBucket } from './pickers';
import { ask, Cancelled, outcomeCommand, pick, requireClient } from './ui';

/** Answers the bucket commands may be given instead of asking (keybinding `args`, the extension-host tests). */
export interface BucketCommandArgs {
  /** Create Bucket: the name. */
  name?: string;
  /** Upload: the files (paths or URIs) instead of the file picker. */
  files?: string[];
  /** Delete: true skips the confirmation. */
  confirmed?: boolean;
  /** Copy Presigned URL: seconds it stays valid (up to 7 days). */
  expiresIn?: number;
}

export type { CommandOutcome as BucketCommandResult } from './ui';

/** SigV4's longest presigned URL: 7 days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

type ObjectNode = Extract<ResourceNode, { kind: 'object' }>;

function objectOf(node: unknown): ObjectNode {
  if (node && typeof node === 'object' && (node as ResourceNode).kind === 'object') return node as ObjectNode;
  throw new Error('Choose an object in the Resources view.');
}

async function confirm(question: string, action: string, args: BucketCommandArgs): Promise<void> {
  if (args.confirmed) return;
  const ok = await vscode.window.showWarningMessage(question, { modal: true }, action);
  if (ok !== action) throw new Cancelled();
}

/**
 * S3 from the Resources view: create and delete buckets, upload files (picker; drops are bucket-drop.ts),
 * open, delete and share objects. Every write goes through the window's client (`Broker.request` or the
 * SDK), so it raises the bucket's notifications as an application's would; the tree follows the change
 * events. Errors show as AWS's code and message.
 */
export function registerBucketCommands(host: BrokerHost): vscode.Disposable[] {
  const shown = (id: string, run: (node: unknown, args: BucketCommandArgs) => Promise<string | undefined>, quiet = false) =>
    outcomeCommand<BucketCommandArgs>(id, async (node, args) => {
      const message = await run(node, args);
      if (message !== undefined && !quiet) void vscode.window.showInformationMessage(`Eventyard: ${message}`);
      return message;
    });

  return [
    shown('eventyard.createBucket', async (_node, args) => {
      const client = requireClient(host);
      const name = args.name ?? (await ask('Bucket name', rules.bucketName, { placeHolder: 'uploads' }));
      const problem = rules.bucketName(name);
      if (problem) throw new Error(problem);
      await client.buckets.createBucket(name);
      return `created bucket ${name}.`;
    }),

    shown('eventyard.deleteBucket', async (node, args) => {
      const client = requireClient(host);
      const bucket = await pickBucket(client, node);
      const keys = await client.buckets.keys(bucket.name);
      await confirm(
        keys.length ? `Delete bucket ${bucket.name} and the ${keys.length} object${keys.length === 1 ? '' : 's'} in it?` : `Delete bucket ${bucket.name}?`,
        'Delete',
        args,
      );
      // S3 deletes only an empty bucket: its objects go first, each a DeleteObject (and a notification)
      for (const key of keys) await client.buckets.deleteObject(bucket.name, key);
      await client.buckets.deleteBucket(bucket.name);
      return `deleted bucket ${bucket.name}${keys.length ? ` and ${keys.length} object${keys.length === 1 ? '' : 's'}` : ''}.`;
    }),

    shown('eventyard.uploadObject', async (node, args) => {
      const client = requireClient(host);
      const target = dropTarget(node as ResourceNode | undefined) ?? { bucket: (await pickBucket(client, node)).name, prefix: '' };
      const uris = args.files
        ? args.files.map((f) => (/^[a-z][a-z0-9+.-]+:/i.test(f) && !/^[a-z]:[\\/]/i.test(f) ? vscode.Uri.parse(f, true) : vscode.Uri.file(f)))
        : await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFolders: false, openLabel: `Upload to s3://${target.bucket}/${target.prefix}`, title: 'Eventyard: Upload' });
      if (!uris?.length) throw new Cancelled();
      const keys = await uploadUris(client, target, uris);
      return `uploaded ${keys.length === 1 ? keys[0] : `${keys.length} files`} to s3://${target.bucket}/${target.prefix}.`;
    }),

    shown('eventyard.openObject', async (node) => {
      const client = requireClient(host);
      const o = objectOf(node);
      const uri = openUri(client, o.bucket, o.name);
      await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
      return `opened ${uri.toString(true)}.`;
    }, true),

    shown('eventyard.deleteObject', async (node, args) => {
      const client = requireClient(host);
      const o = objectOf(node);
      await confirm(`Delete s3://${o.bucket}/${o.name}?`, 'Delete', args);
      await client.buckets.deleteObject(o.bucket, o.name);
      return `deleted s3://${o.bucket}/${o.name}.`;
    }),

    shown('eventyard.copyS3Uri', async (node) => {
      const uri = s3Uri(node);
      await vscode.env.clipboard.writeText(uri);
      return `copied ${uri}.`;
    }),

    shown('eventyard.copyPresignedUrl', async (node, args) => {
      const client = requireClient(host);
      const o = objectOf(node);
      const expiresIn = args.expiresIn ?? (await pick('How long the URL works', [
        { label: '15 minutes', seconds: 900 },
        { label: '1 hour', seconds: 3600 },
        { label: '1 day', seconds: 86_400 },
        { label: '7 days', description: 'the longest SigV4 allows', seconds: MAX_PRESIGN_SECONDS },
      ])).seconds;
      if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) throw new Error(`A presigned URL works for 1 second to 7 days (${MAX_PRESIGN_SECONDS} seconds).`);
      const url = await client.buckets.presign(o.bucket, o.name, expiresIn);
      await vscode.env.clipboard.writeText(url);
      return `copied a URL that GETs s3://${o.bucket}/${o.name} for ${expiresIn} seconds.`;
    }),
  ];
}

/** The user's own file when the object is one in this window's buckets folder (edits save to it), else the object through GetObject. */
function openUri(client: BrokerClient, bucket: string, key: string): vscode.Uri {
  const file = client.buckets.fileOf(bucket, key);
  return file ? vscode.Uri.file(file) : objectUri(bucket, key);
}

/** `s3://bucket`, `s3://bucket/folder/` or `s3://bucket/key` for the row. */
function s3Uri(node: unknown): string {
  const n = node as ResourceNode | undefined;
  switch (n?.kind) {
    case 'bucket':
      return `s3://${n.name}`;
    case 'folder':
    case 'object':
      return `s3://${n.bucket}/${n.name}`;
    default:
      throw new Error('Choose a bucket, folder or object in the Resources view.');
  }
}
