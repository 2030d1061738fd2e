import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { importTemplate } from '../../broker/definitions/cloudformation';
import { mergeDefinitions } from '../../broker/definitions/merge';
import { command, notify } from '../commands/ui';
import { readSettings } from '../settings';

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts'];

/**
 * "Import from CloudFormation/SAM template": the template's messaging resources are added to the
 * workspace definitions file (created if needed), which the broker then applies like any edit.
 */
export function registerTemplateImport(output: vscode.OutputChannel): vscode.Disposable {
  return command('eventyard.importTemplate', async (uri?: vscode.Uri) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('Open a folder first: the imported definitions go to eventyard.yaml at its root.');
    const template = uri instanceof vscode.Uri ? uri : await chooseTemplate(folder.uri);
    if (!template) return;
    const text = Buffer.from(await vscode.workspace.fs.readFile(template)).toString('utf8');
    const target = vscode.Uri.joinPath(folder.uri, 'eventyard.yaml');
    const settings = readSettings();
    const imported = importTemplate(text, {
      region: settings.region,
      accountId: settings.accountId,
      moduleFor: (codeUri, file) => moduleFor(path.dirname(template.fsPath), codeUri, file, path.dirname(target.fsPath)),
    });
    const existing = fs.existsSync(target.fsPath) ? fs.readFileSync(target.fsPath, 'utf8') : '';
    const merged = mergeDefinitions(existing, imported.definitions);
    await vscode.workspace.fs.writeFile(target, Buffer.from(merged.text));
    await vscode.commands.executeCommand('eventyard.applyDefinitions');
    await vscode.window.showTextDocument(target, { preview: false });
    const skipped = [...imported.notes, ...merged.kept.map((k) => `${k} was already defined; kept the existing definition.`)];
    notify(`imported ${merged.added.length} resources from ${path.basename(template.fsPath)} into eventyard.yaml.${skipped.length ? ` ${skipped.length} notes in the Eventyard output.` : ''}`);
    for (const note of skipped) output.appendLine(`import ${path.basename(template.fsPath)}: ${note}`);
  });
}

async function chooseTemplate(root: vscode.Uri): Promise<vscode.Uri | undefined> {
  const [file] = (await vscode.window.showOpenDialog({
    defaultUri: root,
    canSelectMany: false,
    title: 'CloudFormation or SAM template',
    filters: { Templates: ['yaml', 'yml', 'json', 'template'] },
  })) ?? [];
  return file;
}

function moduleFor(templateDir: string, codeUri: string, file: string, definitionsDir: string): string {
  const base = path.resolve(templateDir, codeUri, file);
  const found = MODULE_EXTENSIONS.map((ext) => base + ext).find((p) => fs.existsSync(p)) ?? `${base}.js`;
  const relative = path.relative(definitionsDir, found).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}
