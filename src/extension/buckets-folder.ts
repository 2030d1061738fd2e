import * as vscode from 'vscode';
import path from 'node:path';

/**
 * The folder that stands for S3 in this window. Objects go where the user can open them: the setting,
 * relative to the first workspace folder, or `.eventyard/buckets` there; with no folder open, the
 * extension's own storage, so a delivery never fails for want of a place.
 */
export function bucketsRoot(setting: string, globalStorage: vscode.Uri): string {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (setting && path.isAbsolute(setting)) return setting;
  if (workspace) return path.join(workspace, setting || path.join('.eventyard', 'buckets'));
  return path.join(globalStorage.fsPath, setting || 'buckets');
}
