import * as vscode from 'vscode';
import { isAwsError } from '../../broker/errors';
import type { BrokerHost } from '../broker-host';
import type { BrokerClient } from '../client/broker-client';
import type { Check } from '../validation/rules';

/** Thrown when the user dismisses a prompt: the command ends quietly. */
export class Cancelled extends Error {}

export async function ask(prompt: string, check: Check, options: { value?: string; placeHolder?: string } = {}): Promise<string> {
  const untouched = options.value ?? '';
  const value = await vscode.window.showInputBox({
    title: 'Eventyard',
    prompt,
    value: options.value,
    placeHolder: options.placeHolder,
    ignoreFocusOut: true,
    // an empty prompt shows what to type, not an error; the answer is still checked below
    validateInput: (v) => (v === '' && untouched === '' ? undefined : check(v)),
  });
  if (value === undefined) throw new Cancelled();
  const problem = check(value);
  if (problem) throw new Error(problem);
  return value;
}

export async function pick<T extends vscode.QuickPickItem>(placeHolder: string, items: T[]): Promise<T> {
  const chosen = await vscode.window.showQuickPick(items, { title: 'Eventyard', placeHolder, ignoreFocusOut: true });
  if (!chosen) throw new Cancelled();
  return chosen;
}

/**
 * Asks whether a new queue or topic is standard or FIFO, then its name (prefilled with `.fifo` for a
 * FIFO one, whose name must end so), checked by `nameRule` for the type chosen.
 */
export async function askTypeAndName(
  kind: 'Queue' | 'Topic',
  descriptions: { standard: string; fifo: string },
  nameRule: (fifo: boolean) => Check,
): Promise<{ fifo: boolean; name: string }> {
  const { fifo } = await pick(`${kind} type`, [
    { label: 'Standard', description: descriptions.standard, fifo: false },
    { label: 'FIFO', description: descriptions.fifo, fifo: true },
  ]);
  const name = await ask(`${kind} name`, nameRule(fifo), { value: fifo ? '.fifo' : '', placeHolder: fifo ? 'orders.fifo' : 'orders' });
  return { fifo, name };
}

export function requireClient(host: BrokerHost): BrokerClient {
  if (!host.client) throw new Error('The broker is not running. Start it with "Eventyard: Start Broker".');
  return host.client;
}

/**
 * Wraps a command: a dismissed prompt ends it quietly; an engine error becomes a notification with the
 * AWS error code and message (never a stack trace); anything else is reported in a sentence.
 */
export function command<A extends unknown[]>(id: string, run: (...args: A) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await run(...args);
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      void vscode.window.showErrorMessage(describeError(e));
      return undefined;
    }
  });
}

/** What a command told the user: `message` after success, `error` after a failure (both as shown); tests read it. */
export interface CommandOutcome {
  message?: string;
  error?: string;
}

/**
 * Like `command`, for commands that answer what they told the user: `run` returns its message (or
 * undefined when it showed nothing), and a failure is shown and answered as `{ error }`.
 */
export function outcomeCommand<A extends object>(id: string, run: (node: unknown, args: A) => Promise<string | undefined>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (node?: unknown, args?: A): Promise<CommandOutcome | undefined> => {
    try {
      const message = await run(node, args ?? ({} as A));
      return message === undefined ? undefined : { message };
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      const error = describeError(e);
      void vscode.window.showErrorMessage(error);
      return { error };
    }
  });
}

export function describeError(e: unknown): string {
  if (isAwsError(e)) return `Eventyard: ${e.code}: ${e.message}`;
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' && 'message' in e) return `Eventyard: ${e.code}: ${String(e.message)}`;
  return `Eventyard: ${e instanceof Error ? e.message : String(e)}`;
}

export function notify(message: string): void {
  void vscode.window.showInformationMessage(`Eventyard: ${message}`);
}
