import type { StateMachineDefinitionEntry } from './model';

type Json = Record<string, unknown>;

export const STATE_MACHINE_TYPES = ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'];

/**
 * A template's state machine as a definition: `Definition` (an object) or `DefinitionString` (JSON text,
 * intrinsics already resolved) for AWS::StepFunctions::StateMachine, `Definition` or a local
 * `DefinitionUri` for AWS::Serverless::StateMachine, with their DefinitionSubstitutions. A definition in
 * S3 (DefinitionS3Location, an S3 DefinitionUri) cannot be read from the template: skipped with a note.
 */
export function stateMachineFrom(id: string, type: string, name: string, p: Json, notes: string[]): StateMachineDefinitionEntry | undefined {
  const m: StateMachineDefinitionEntry = { name };
  const machineType = type === 'AWS::Serverless::StateMachine' ? p.Type : p.StateMachineType;
  if (machineType === 'EXPRESS' || machineType === 'STANDARD') m.type = machineType;
  if (p.Definition && typeof p.Definition === 'object' && !Array.isArray(p.Definition)) m.definition = p.Definition as Json;
  else if (typeof p.DefinitionString === 'string') {
    try {
      const parsed: unknown = JSON.parse(p.DefinitionString);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      m.definition = parsed as Json;
    } catch {
      notes.push(`${id}: its DefinitionString is not a JSON object once resolved; skipped.`);
      return undefined;
    }
  } else if (typeof p.DefinitionUri === 'string' && !p.DefinitionUri.startsWith('s3://')) m.definitionFile = p.DefinitionUri;
  else if (p.DefinitionS3Location !== undefined || p.DefinitionUri !== undefined) {
    notes.push(`${id}: its definition is in S3 (${p.DefinitionS3Location !== undefined ? 'DefinitionS3Location' : 'DefinitionUri'}), which a template alone cannot give; skipped. Put the definition in the template (Definition) or in a local file (DefinitionUri: path).`);
    return undefined;
  } else {
    notes.push(`${id}: it has no Definition, DefinitionString or DefinitionUri; skipped.`);
    return undefined;
  }
  const substitutions = p.DefinitionSubstitutions;
  if (substitutions && typeof substitutions === 'object' && !Array.isArray(substitutions)) {
    const values: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(substitutions as Json)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value;
      else notes.push(`${id}: DefinitionSubstitutions.${key} could not be resolved from the template alone; \${${key}} stays in the definition.`);
    }
    if (Object.keys(values).length) m.definitionSubstitutions = values;
  }
  if (typeof p.RoleArn === 'string' && p.RoleArn.startsWith('arn:')) m.roleArn = p.RoleArn;
  return m;
}
