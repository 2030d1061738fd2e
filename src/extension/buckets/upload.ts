import { lookup } from 'mime-types';
import * as vscode from 'vscode';
import type { BrokerClient } from '../client/broker-client';

/** Where dropped or picked files land: a bucket and the prefix of the level they were put on. */
export interface UploadTarget {
  bucket: string;
  prefix: string;
}

/**
 * Uploads files (and, for a folder, every file under it, keys keeping its relative path) into a bucket
 * level through the client's PutObject, one after the other so a large folder does not open hundreds of
 * requests at once, each with the Content-Type of its extension. Files are read through `workspace.fs`, so
 * remote workspaces work too. Answers the keys written.
 */
export async function uploadUris(client: BrokerClient, target: UploadTarget, uris: readonly vscode.Uri[]): Promise<string[]> {
  const keys: string[] = [];
  const put = async (uri: vscode.Uri, key: string): Promise<void> => {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      for (const [name] of await vscode.workspace.fs.readDirectory(uri)) await put(vscode.Uri.joinPath(uri, name), `${key}/${name}`);
      return;
    }
    await client.buckets.put(target.bucket, key, await vscode.workspace.fs.readFile(uri), contentTypeOf(key));
    keys.push(key);
  };
  for (const uri of uris) await put(uri, `${target.prefix}${baseName(uri)}`);
  return keys;
}

/** Bytes that came without a file behind them (a drop from outside VS Code in a browser), under their name. */
export async function uploadBytes(client: BrokerClient, target: UploadTarget, name: string, body: Uint8Array): Promise<string> {
  const key = `${target.prefix}${name}`;
  await client.buckets.put(target.bucket, key, body, contentTypeOf(key));
  return key;
}

/**
 * The Content-Type the CLI's `aws s3 cp` would give the file, by its extension (`image/png`), so a browser
 * opening a presigned URL shows it; none for an unknown extension, which S3 stores as binary/octet-stream.
 */
export function contentTypeOf(key: string): string | undefined {
  return lookup(key) || undefined;
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path.replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}
