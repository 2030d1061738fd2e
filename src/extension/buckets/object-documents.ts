import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';

/** The scheme of objects opened through the S3 API (`eventyard-s3:/<bucket>/<key>`). */
export const OBJECT_SCHEME = 'eventyard-s3';

/**
 * The key is one path segment, percent-encoded: a key's `..` or `//` would otherwise be normalised away by
 * the URI. Its extension stays at the end, so VS Code still picks the editor (an image's preview) by it.
 */
export function objectUri(bucket: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: OBJECT_SCHEME, path: `/${bucket}/${encodeURIComponent(key)}` });
}

function parse(uri: vscode.Uri): { bucket: string; key: string } {
  const path = uri.path.slice(1);
  const slash = path.indexOf('/');
  if (slash <= 0) throw vscode.FileSystemError.FileNotFound(uri);
  return { bucket: path.slice(0, slash), key: decodeURIComponent(path.slice(slash + 1)) };
}

/**
 * Objects that are no file of this window's buckets folder (attached to another broker; a key that cannot
 * be a file; bytes kept aside), read through GetObject, read-only. A file system rather than a text
 * document provider, so VS Code opens each as it opens a file: text in an editor, an image in its preview.
 */
export class ObjectDocuments implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** The bytes `stat` just read, for the `readFile` that follows it (one GetObject per open, not two). */
  private readonly recent = new Map<string, Uint8Array>();

  constructor(private readonly host: BrokerHost) {}

  private async read(uri: vscode.Uri): Promise<Uint8Array> {
    const client = this.host.client;
    if (!client) throw vscode.FileSystemError.Unavailable('The broker is not running.');
    const { bucket, key } = parse(uri);
    try {
      return (await client.buckets.get(bucket, key)).body;
    } catch (e) {
      // NoSuchKey, NoSuchBucket: gone meanwhile; the editor says "file not found", never a stack trace
      throw vscode.FileSystemError.FileNotFound(`s3://${bucket}/${key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const body = await this.read(uri);
    if (this.recent.size > 16) this.recent.clear();
    this.recent.set(uri.toString(), body);
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: body.length, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const kept = this.recent.get(uri.toString());
    this.recent.delete(uri.toString());
    return kept ?? this.read(uri);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  static register(host: BrokerHost): vscode.Disposable {
    return vscode.workspace.registerFileSystemProvider(OBJECT_SCHEME, new ObjectDocuments(host), { isCaseSensitive: true, isReadonly: true });
  }
}
