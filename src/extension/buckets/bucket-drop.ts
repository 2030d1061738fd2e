import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import { describeError, notify } from '../commands/ui';
import type { TreeNode } from '../tree/resources-tree';
import { uploadBytes, uploadUris, type UploadTarget } from './upload';

/** The bucket level a drop on a row lands in: the bucket or folder itself, or the level an object is in. */
export function dropTarget(node: TreeNode | undefined): UploadTarget | undefined {
  if (!node || !('kind' in node)) return undefined;
  switch (node.kind) {
    case 'bucket':
      return { bucket: node.name, prefix: '' };
    case 'folder':
      return { bucket: node.bucket, prefix: node.name };
    case 'object':
      return { bucket: node.bucket, prefix: node.parent };
    default:
      return undefined;
  }
}

/**
 * Files dragged from the Explorer or the desktop onto a bucket, folder or object row are uploaded there
 * (PutObject through the window's client, so the drop raises the bucket's notifications as any upload).
 */
export class BucketDropController implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dropMimeTypes = ['text/uri-list', 'files'];
  readonly dragMimeTypes: string[] = [];

  constructor(private readonly host: BrokerHost) {}

  async handleDrop(node: TreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const target = dropTarget(node);
    const client = this.host.client;
    if (!target || !client) return;
    try {
      const uris = await droppedUris(data);
      const keys = uris.length ? await uploadUris(client, target, uris) : await droppedFiles(client, target, data);
      if (keys.length) notify(`uploaded ${keys.length === 1 ? keys[0] : `${keys.length} files`} to s3://${target.bucket}/${target.prefix}.`);
    } catch (e) {
      void vscode.window.showErrorMessage(describeError(e));
    }
  }
}

/** The files of a drop as URIs: VS Code's Explorer and the desktop give `text/uri-list` (one per line, `#` lines are comments). */
async function droppedUris(data: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const list = await data.get('text/uri-list')?.asString();
  if (!list) return [];
  return list
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => vscode.Uri.parse(line, true));
}

/** Files that come as bytes only (a browser's drop into code-server): each uploaded under its own name. */
async function droppedFiles(client: NonNullable<BrokerHost['client']>, target: UploadTarget, data: vscode.DataTransfer): Promise<string[]> {
  const keys: string[] = [];
  for (const [, item] of data) {
    const file = item.asFile();
    if (file) keys.push(await uploadBytes(client, target, file.name, await file.data()));
  }
  return keys;
}
