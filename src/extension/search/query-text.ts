/**
 * The one-line query of the search command, read into a MessageQuery: `$...` is a JSONPath on the body,
 * `jsonata: ...` a JSONata expression, `@name=value` (or `@name`) an attribute, the rest free text. Free of
 * `vscode`, so it is unit-tested.
 */
import type { MessageQuery } from '../../broker/search/query';

export function parseQueryText(line: string): MessageQuery {
  const text = line.trim();
  if (text.startsWith('$')) return { json: { language: 'jsonpath', expression: text } };
  if (/^jsonata:/i.test(text)) return { json: { language: 'jsonata', expression: text.slice('jsonata:'.length).trim() } };
  const attributes: Record<string, string> = {};
  const words: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const m = /^@([^=]+)(?:=(.*))?$/.exec(word);
    if (m) attributes[m[1]] = m[2] ?? '';
    else words.push(word);
  }
  return {
    ...(words.length ? { text: words.join(' ') } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}
