import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { BucketCommandResult } from '../../src/extension/commands/bucket-commands';
import type { EventyardApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/tree/resources-tree';
import { activatedExtension, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

/** The row under `parent` (the root when absent) whose label is `label`, as the view draws it. */
async function row(a: EventyardApi, label: string, parent?: TreeNode): Promise<TreeNode | undefined> {
  return (await a.tree.getChildren(parent)).find((n) => String(a.tree.getTreeItem(n).label) === label);
}

/** `eventually` for a probe that answers undefined until the thing shows. */
async function shown<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  return (await eventually(what, probe)) as T;
}

suite('S3 buckets in the Resources view', () => {
  test('create a bucket, upload files, browse folders, open, copy URI and presigned URL, delete', async function () {
    this.timeout(60_000);
    const a = await api();
    const run = (id: string, node?: unknown, args?: object) => vscode.commands.executeCommand<BucketCommandResult>(id, node, args);

    assert.deepEqual(await run('eventyard.createBucket', undefined, { name: 'Bad_Name' }), { error: `Eventyard: ${'Bucket names have 3 to 63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit (not an IP address).'}` });
    assert.deepEqual(await run('eventyard.createBucket', undefined, { name: 'ey-photos' }), { message: 'created bucket ey-photos.' });

    const group = await shown('the Buckets group', () => row(a, 'Buckets'));
    const bucket = await shown('the bucket row', () => row(a, 'ey-photos', group));
    assert.equal(a.tree.getTreeItem(bucket).contextValue, 'bucket');

    const root = vscode.workspace.workspaceFolders![0].uri;
    const dir = vscode.Uri.joinPath(root, 'ey-upload');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'hello.txt'), Buffer.from('hello from the editor'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'cats', 'tom.txt'), Buffer.from('meow'));
    const uploaded = await run('eventyard.uploadObject', bucket, { files: [vscode.Uri.joinPath(dir, 'hello.txt').toString(), vscode.Uri.joinPath(dir, 'cats').fsPath] });
    assert.deepEqual(uploaded, { message: 'uploaded 2 files to s3://ey-photos/.' });

    const cats = await shown('the folder row', async () => row(a, 'cats/', await row(a, 'ey-photos', await row(a, 'Buckets'))));
    assert.equal(a.tree.getTreeItem(cats).contextValue, 'folder');
    const tom = await shown('the object row', () => row(a, 'tom.txt', cats));
    const item = a.tree.getTreeItem(tom);
    assert.equal(item.contextValue, 'object');
    assert.equal(item.command?.command, 'eventyard.openObject');

    // the object is a file of the buckets folder: the editor opens that file
    await run('eventyard.openObject', tom);
    const opened = await shown('an editor on the object', () => vscode.window.activeTextEditor?.document);
    assert.equal(opened.getText(), 'meow');
    assert.equal(opened.uri.scheme, 'file');
    assert.ok(opened.uri.fsPath.endsWith(path.join('ey-photos', 'cats', 'tom.txt')), opened.uri.fsPath);

    assert.deepEqual(await run('eventyard.copyS3Uri', tom), { message: 'copied s3://ey-photos/cats/tom.txt.' });
    assert.equal(await vscode.env.clipboard.readText(), 's3://ey-photos/cats/tom.txt');

    assert.deepEqual(await run('eventyard.copyPresignedUrl', tom, { expiresIn: 600 }), { message: 'copied a URL that GETs s3://ey-photos/cats/tom.txt for 600 seconds.' });
    const url = await vscode.env.clipboard.readText();
    const answer = await fetch(url);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), 'meow');
    assert.equal(answer.headers.get('content-type'), 'text/plain', 'uploaded with the Content-Type of its extension');

    assert.deepEqual(await run('eventyard.deleteObject', tom, { confirmed: true }), { message: 'deleted s3://ey-photos/cats/tom.txt.' });
    await assert.rejects(a.client!.buckets.get('ey-photos', 'cats/tom.txt'), (e: { code?: string }) => e.code === 'NoSuchKey');

    assert.deepEqual(await run('eventyard.deleteBucket', bucket, { confirmed: true }), { message: 'deleted bucket ey-photos and 1 object.' });
    await eventually('the bucket gone from the tree', async () => !(await row(a, 'ey-photos', await row(a, 'Buckets'))));
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  test('an object that is no file opens read-only through GetObject', async function () {
    this.timeout(30_000);
    const a = await api();
    await a.client!.buckets.createBucket('ey-aside');
    await a.client!.buckets.put('ey-aside', '../outside.txt', Buffer.from('kept aside'));
    const node = { kind: 'object', name: '../outside.txt', bucket: 'ey-aside', parent: '', object: { key: '../outside.txt', size: 10, lastModified: 0, etag: '' } };
    await vscode.commands.executeCommand('eventyard.openObject', node);
    const doc = await shown('the read-only editor', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'eventyard-s3' ? vscode.window.activeTextEditor.document : undefined));
    assert.equal(doc.getText(), 'kept aside');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await a.client!.buckets.deleteObject('ey-aside', '../outside.txt');
    await a.client!.buckets.deleteBucket('ey-aside');
  });
});
