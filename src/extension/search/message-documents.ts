/**
 * Messages and records opened in editor tabs: read-only documents of the `eventyard-message` scheme whose
 * text this provider holds, in a raw, pretty or hex view, with the language their format suggests; and the
 * diff of two of them in VS Code's diff editor.
 */
import * as vscode from 'vscode';
import type { SearchItem } from '../../broker/search/types';
import { renderBody, type BodyView } from './message-view';

export const MESSAGE_SCHEME = 'eventyard-message';

export class MessageDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(MESSAGE_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** The document of one item in one view; the same item and view reuse one URI, so a tab is not opened twice. */
  documentUri(item: SearchItem, view: BodyView): { uri: vscode.Uri; language: string } {
    const { text, language } = renderBody(item.body, view, item.binary);
    const ext = language === 'plaintext' ? 'txt' : language;
    const name = item.id.replace(/[/\\]/g, '_');
    const uri = vscode.Uri.from({ scheme: MESSAGE_SCHEME, path: `/${item.kind}/${item.resource}/${name}.${view}.${ext}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return { uri, language };
  }

  async open(item: SearchItem, view: BodyView = 'pretty'): Promise<vscode.TextEditor> {
    const { uri, language } = this.documentUri(item, view);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Two items side by side in the diff editor, pretty-printed so a reordered JSON member shows as one line. */
  async diff(left: SearchItem, right: SearchItem, title?: string): Promise<void> {
    const a = this.documentUri(left, 'pretty');
    const b = this.documentUri(right, 'pretty');
    await vscode.commands.executeCommand('vscode.diff', a.uri, b.uri, title ?? `${left.id} ↔ ${right.id}`);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
