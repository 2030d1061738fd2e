/**
 * Payload templates (Parameters, ResultSelector, ItemSelector): a JSON value whose fields ending in `.$`
 * take their value from a path or an intrinsic function call, at any depth.
 */
import { StatesFailure } from './failure';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';
import { PathNotFound, readPath } from './json-path';

export function applyTemplate(template: unknown, data: unknown, context: unknown, field: string): unknown {
  if (Array.isArray(template)) return template.map((t) => applyTemplate(t, data, context, field));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = evaluateDynamic(value, data, context, field);
    } else {
      out[key] = applyTemplate(value, data, context, field);
    }
  }
  return out;
}

/** A `.$` value: an intrinsic call or a path (on the data, or the context object for `$$`). */
export function evaluateDynamic(value: string, data: unknown, context: unknown, field: string): unknown {
  if (isIntrinsic(value)) return evaluateIntrinsic(value, data, context);
  try {
    return readPath(value, data, context);
  } catch (e) {
    if (e instanceof PathNotFound) throw new StatesFailure('States.Runtime', `The JSONPath '${value}' specified for the field '${field}' could not be found in the input '${JSON.stringify(data)}'`);
    throw e;
  }
}
