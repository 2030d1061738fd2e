/**
 * JSONPath as the States Language uses it (jsonpath-plus underneath): `$...` reads the state's data,
 * `$$...` the context object. A definite path (no wildcard, slice, filter or recursive descent) selects one
 * value; an indefinite one selects the array of its matches, as AWS does.
 */
import { JSONPath } from 'jsonpath-plus';

export class PathNotFound extends Error {
  constructor(readonly path: string) {
    super(`Invalid path '${path}' : No results for path: ${bracketed(path)}`);
  }
}

const INDEFINITE = /\[\s*\*\s*\]|\.\*|\.\.|\[[^\]]*:[^\]]*\]|\[\s*\?|\[[^\]]*,[^\]]*\]/;

/**
 * Where the context object carries the variables in scope (`Assign`): a symbol, so `$$` and JSON copies of
 * the context never show them.
 */
export const VARIABLES = Symbol('variables');

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)/;

export function isDefinite(path: string): boolean {
  return !INDEFINITE.test(path);
}

/** Reads `path` from `data`, from `context` when it starts with `$$`, or from a variable (`$name`). Throws PathNotFound. */
export function readPath(path: string, data: unknown, context: unknown): unknown {
  // `$name...` reads a variable (`$` then a letter is no JSONPath of the data).
  const variable = VARIABLE.exec(path);
  if (variable) {
    const variables = (context as { [VARIABLES]?: Record<string, unknown> } | undefined)?.[VARIABLES];
    if (!variables || !Object.prototype.hasOwnProperty.call(variables, variable[1])) throw new PathNotFound(path);
    return readPath(`$${path.slice(variable[0].length)}`, variables[variable[1]], context);
  }
  const onContext = path.startsWith('$$');
  const root = onContext ? context : data;
  const p = onContext ? path.slice(1) : path;
  if (p === '$') return root;
  if (root === null || typeof root !== 'object') {
    if (isDefinite(p)) throw new PathNotFound(path);
    return [];
  }
  const found = JSONPath({ path: p, json: root as object, wrap: true, eval: 'safe' }) as unknown[];
  if (isDefinite(p)) {
    if (!found.length) throw new PathNotFound(path);
    return found[0];
  }
  return found;
}

/** The field names of a reference path (`$.a.b['c'][0]`), as ResultPath needs them to write. */
export function referenceSegments(path: string): (string | number)[] {
  if (!path.startsWith('$')) throw new Error(`Invalid path: ${path}`);
  const segments: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new Error(`Invalid path: ${path}`);
    if (m[4] !== undefined) segments.push(Number(m[4]));
    else segments.push(m[1] ?? m[2] ?? m[3]);
  }
  return segments;
}

/** ResultPath: puts `result` into a copy of `input` at `path` (`$` replaces it; null keeps the input). */
export function applyResultPath(input: unknown, path: string | null | undefined, result: unknown): unknown {
  if (path === null) return input;
  if (path === undefined || path === '$') return result;
  const segments = referenceSegments(path);
  const root: unknown = input !== null && typeof input === 'object' ? structuredClone(input) : {};
  let node = root as Record<string | number, unknown>;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      node[segment] = result;
      return;
    }
    const next = node[segment];
    if (next === null || typeof next !== 'object') node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  });
  return root;
}

/** `$.a.b[0]` as Jayway (AWS's JSONPath) prints it in errors: `$['a']['b'][0]`. */
function bracketed(path: string): string {
  try {
    const root = path.startsWith('$$') ? '$$' : '$';
    return root + referenceSegments(path.slice(root.length - 1)).map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('');
  } catch {
    return path;
  }
}
