import * as vscode from 'vscode';
import { describeError } from '../commands/ui';

/** A message this window received by polling a connection's queue. */
export interface PolledMessage {
  messageId: string;
  body: string;
  /** Empty in what commands answer: a receipt handle is a capability to delete, kept to this window. */
  receiptHandle: string;
  /** ApproximateReceiveCount after this receive. */
  receiveCount: number;
  /** When the visibility timeout this window set ends (its clock). */
  visibleAgainAt: number;
}

export function countdown(m: Pick<PolledMessage, 'visibleAgainAt'>, now: number): string {
  const left = Math.ceil((m.visibleAgainAt - now) / 1000);
  return left > 0 ? `hidden for ${left} s more` : 'visible again to consumers';
}

/**
 * The messages of one poll in a list that stays open: each with its receive count and a countdown to the
 * moment consumers can receive it again, redrawn every second. Choosing one opens its body as text; the
 * trash button deletes it (on a connection with writes enabled). Bodies are shown as text only.
 */
export function showPolledMessages(options: { title: string; messages: PolledMessage[]; deleteMessage: (m: PolledMessage) => Promise<void> }): void {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { message: PolledMessage }>();
  pick.title = options.title;
  pick.placeholder = options.messages.length
    ? 'Received by this window: receive counts rose; each stays hidden from consumers until its countdown ends'
    : 'No visible message was received';
  pick.ignoreFocusOut = true;
  pick.matchOnDetail = true;
  let messages = options.messages;
  const draw = () => {
    const now = Date.now();
    pick.items = messages.map((message) => ({
      label: message.body.replace(/\s+/g, ' ').slice(0, 120) || '(empty body)',
      description: `receive #${message.receiveCount} · ${countdown(message, now)}`,
      detail: message.messageId,
      message,
      buttons: [{ iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this message (needs writes enabled)' }],
    }));
  };
  draw();
  const timer = setInterval(draw, 1000);
  pick.onDidTriggerItemButton(async ({ item }) => {
    try {
      await options.deleteMessage(item.message);
      messages = messages.filter((m) => m !== item.message);
      draw();
    } catch (e) {
      void vscode.window.showErrorMessage(describeError(e));
    }
  });
  pick.onDidAccept(async () => {
    const chosen = pick.selectedItems[0];
    if (!chosen) return;
    const doc = await vscode.workspace.openTextDocument({ content: chosen.message.body, language: looksLikeJson(chosen.message.body) ? 'json' : 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true });
  });
  pick.onDidHide(() => {
    clearInterval(timer);
    pick.dispose();
  });
  pick.show();
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return /^\s*[[{]/.test(text);
  } catch {
    return false;
  }
}
