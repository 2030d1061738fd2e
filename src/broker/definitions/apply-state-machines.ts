import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Broker } from '../broker';
import type { Definitions, DefinitionPath, StateMachineDefinitionEntry } from './model';

type Attempt = (path: DefinitionPath, step: () => unknown) => Promise<void>;

/** The role a state machine gets when the file names none: the broker checks no IAM, AWS requires one. */
const LOCAL_ROLE = (accountId: string) => `arn:aws:iam::${accountId}:role/eventyard-local`;

/**
 * The definition as CreateStateMachine takes it: inline or read from its file, then each `${key}` of
 * DefinitionSubstitutions replaced (as JSON string content, so a value cannot break the JSON around it).
 */
export function stateMachineText(m: StateMachineDefinitionEntry, baseDir: string): string {
  let text: string;
  if (m.definition !== undefined) text = JSON.stringify(m.definition);
  else if (m.definitionFile !== undefined) {
    const file = path.resolve(baseDir, m.definitionFile);
    const inside = path.relative(baseDir, file);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new Error(`definitionFile ${m.definitionFile} is outside the folder of the definitions file; keep it inside.`);
    }
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      throw new Error(`definitionFile ${m.definitionFile} cannot be read (is the path right?).`);
    }
    text = /\.ya?ml$/i.test(file) ? JSON.stringify(parseYaml(raw)) : raw;
  } else throw new Error(`The state machine ${m.name} needs a definition or a definitionFile.`);
  for (const [key, value] of Object.entries(m.definitionSubstitutions ?? {})) {
    text = text.split(`\${${key}}`).join(JSON.stringify(String(value)).slice(1, -1));
  }
  return text;
}

/**
 * State machines of the definitions file, through the service's own actions (so a definition is checked
 * as CreateStateMachine checks it, with AWS's words): created when missing, updated when the definition
 * or role differs, refused when the type changed (AWS cannot change it either).
 */
export async function applyStateMachines(broker: Broker, definitions: Definitions, declared: Set<string>, attempt: Attempt, baseDir: string): Promise<void> {
  const states = broker.stepfunctions.operations;
  for (const [i, m] of (definitions.stateMachines ?? []).entries()) {
    declared.add(`stateMachine:${m.name}`);
    await attempt(['stateMachines', i, m.definition !== undefined ? 'definition' : m.definitionFile !== undefined ? 'definitionFile' : 'name'], () => {
      const definition = stateMachineText(m, baseDir);
      const roleArn = m.roleArn ?? LOCAL_ROLE(broker.identity.accountId);
      const type = m.type ?? 'STANDARD';
      const existing = broker.stepfunctions.listStateMachineSummaries().find((x) => x.name === m.name);
      if (!existing) {
        return broker.request('states', 'CreateStateMachine', () => states.CreateStateMachine({ name: m.name, definition, roleArn, type }));
      }
      if (existing.type !== type) throw new Error(`The state machine ${m.name} is ${existing.type}; a state machine's type cannot change (rename it, or delete it first).`);
      const current = states.DescribeStateMachine({ stateMachineArn: existing.arn });
      if (current.definition === definition && current.roleArn === roleArn) return undefined;
      return broker.request('states', 'UpdateStateMachine', () => states.UpdateStateMachine({ stateMachineArn: existing.arn, definition, roleArn }));
    });
  }
}

/** Deletes a state machine the file no longer declares (nothing when it is already gone). */
export function removeStateMachine(broker: Broker, name: string): Promise<unknown> | undefined {
  const existing = broker.stepfunctions.listStateMachineSummaries().find((x) => x.name === name);
  return existing && broker.request('states', 'DeleteStateMachine', () => broker.stepfunctions.operations.DeleteStateMachine({ stateMachineArn: existing.arn }));
}
