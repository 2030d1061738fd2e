import type { MessageAttributeMap } from './api';

/** The system attributes a receive asked for ('All' means every one the message has). */
export function selectSystemAttributes(
  all: Record<string, string>,
  names: string[] | undefined,
): Record<string, string> | undefined {
  if (!names || names.length === 0) return undefined;
  if (names.includes('All')) return all;
  const selected: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) selected[name] = all[name];
  return Object.keys(selected).length ? selected : undefined;
}

/**
 * The message attributes a receive asked for: 'All', '*' or '.*' for every one, `prefix.*` for those whose
 * names start with the prefix, otherwise exact names. Names that match nothing are simply left out.
 */
export function selectMessageAttributes(
  attributes: MessageAttributeMap | undefined,
  names: string[] | undefined,
): MessageAttributeMap | undefined {
  if (!attributes || !names || names.length === 0) return undefined;
  const selected: MessageAttributeMap = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (names.some((pattern) => matches(pattern, name))) selected[name] = value;
  }
  return Object.keys(selected).length ? selected : undefined;
}

function matches(pattern: string, name: string): boolean {
  if (pattern === 'All' || pattern === '*' || pattern === '.*') return true;
  if (pattern.endsWith('.*')) return name.startsWith(pattern.slice(0, -2));
  return pattern === name;
}
