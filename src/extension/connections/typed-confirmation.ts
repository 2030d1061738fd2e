import * as vscode from 'vscode';
import { Cancelled } from '../commands/ui';
import { ConnectionError } from './connection-errors';

/**
 * A destructive action on a connection (purge, delete, redrive, reshard) goes ahead only once the
 * resource's name is typed, as the AWS console asks. `given` is an answer passed by a script or a test
 * instead of typing; a wrong one is refused like a wrong typed one.
 */
export async function confirmByName(what: string, name: string, connection: string, given?: string): Promise<void> {
  const typed = given ?? (await vscode.window.showInputBox({
    title: `Eventyard: ${what} on ${connection}`,
    prompt: `This cannot be undone. Type ${name} to ${what.toLowerCase()}.`,
    placeHolder: name,
    ignoreFocusOut: true,
    validateInput: (v) => (v === '' || v === name ? undefined : `Type ${name} exactly.`),
  }));
  if (typed === undefined) throw new Cancelled();
  if (typed !== name) throw new ConnectionError('ConfirmationMismatch', `Nothing was done: "${typed}" is not ${name}. Type the name exactly to ${what.toLowerCase()}.`);
}
