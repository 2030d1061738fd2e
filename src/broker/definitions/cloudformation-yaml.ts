import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'If', 'Not', 'Equals', 'And', 'Or', 'Condition', 'GetAtt'];

/** `!Ref X` is `{ Ref: X }`, `!GetAtt A.B` is `{ 'Fn::GetAtt': ['A', 'B'] }`, `!Sub s` is `{ 'Fn::Sub': s }`. */
function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const scalar = (value: string) => (name === 'GetAtt' ? { [key]: splitOnce(value) } : { [key]: value });
  return [
    { tag: `!${name}`, resolve: scalar },
    { tag: `!${name}`, collection: 'seq', resolve: (seq: YAMLSeq) => ({ [key]: seq.toJSON() }) },
    { tag: `!${name}`, collection: 'map', resolve: (map: YAMLMap) => ({ [key]: map.toJSON() }) },
  ] as (ScalarTag | CollectionTag)[];
}

function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

const customTags = ['Ref', ...FUNCTIONS].flatMap(tagsFor);

/** Reads a CloudFormation or SAM template written in JSON or in YAML with the short-form intrinsic tags. */
export function parseTemplate(text: string): Record<string, unknown> {
  const value: unknown = parse(text, { customTags, uniqueKeys: false });
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The template is not a mapping.');
  return value as Record<string, unknown>;
}
