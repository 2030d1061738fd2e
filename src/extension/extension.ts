// Placeholder until the editor integration (issue 8) lands: activates and opens the output channel, so the
// real-VS Code harness has an extension to load. The UI work replaces this file.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Eventyard');
  context.subscriptions.push(output);
  output.appendLine('Eventyard activated');
}

export function deactivate(): void {}
