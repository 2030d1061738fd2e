import { isMap, isSeq, parseDocument } from 'yaml';
import type { Definitions } from './model';

const SECTIONS = ['queues', 'topics', 'streams', 'deliveryStreams', 'functions', 'buses', 'rules', 'archives', 'connections', 'apiDestinations'] as const;

/**
 * Adds definitions to the text of a definitions file, keeping its comments and layout; an entry whose
 * name the file already defines is left as the user wrote it.
 */
export function mergeDefinitions(existingText: string, additions: Definitions): { text: string; added: string[]; kept: string[] } {
  const doc = parseDocument(existingText.trim() ? existingText : '{}');
  if (!isMap(doc.contents)) throw new Error('The definitions file is not a mapping; fix it before importing.');
  const added: string[] = [];
  const kept: string[] = [];
  for (const section of SECTIONS) {
    for (const entry of (additions[section] ?? []) as { name: string }[]) {
      const list = doc.get(section);
      const names = isSeq(list) ? list.items.map((item) => (isMap(item) ? item.get('name') : undefined)) : [];
      if (names.includes(entry.name)) {
        kept.push(`${section}: ${entry.name}`);
        continue;
      }
      if (!isSeq(list)) doc.set(section, doc.createNode([entry]));
      else list.add(doc.createNode(entry));
      added.push(`${section}: ${entry.name}`);
    }
  }
  // an empty file parsed as `{}` would otherwise keep its flow style
  if (isMap(doc.contents)) doc.contents.flow = false;
  return { text: doc.toString({ lineWidth: 0 }), added, kept };
}
