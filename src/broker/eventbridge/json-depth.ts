/**
 * The deepest JSON the engine reads (event details, test events, patterns, inputs, policies): as deep as
 * Jackson's default nesting limit. Deeper text would overflow the stack of the recursive steps that follow
 * (matching, JSON.stringify), so callers refuse it in their own words, as they refuse malformed JSON.
 */
export const MAX_JSON_DEPTH = 1000;

/** Whether JSON text nests arrays and objects deeper than MAX_JSON_DEPTH (strings skipped; no parse). */
export function tooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
