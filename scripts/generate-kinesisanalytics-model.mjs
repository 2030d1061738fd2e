#!/usr/bin/env node
// Writes src/server/models/kinesisanalytics.json, in the format scripts/generate-models.mjs writes, for
// Kinesis Analytics (SQL applications, 2015-08-14). Its SDK v3 client's last release (3.637) predates the
// schema-based clients, so there is no Smithy schema to read: this reads the client's TypeScript
// declarations instead (dist-types: each command's input/output interface, the model interfaces, the
// exception classes) with the TypeScript compiler, and its wire settings from the JSON 1.1 serializers.
// Run once when the client changes; the output is committed.
//
// Usage: node scripts/generate-kinesisanalytics-model.mjs [--check]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { render } from './generate-models.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));
const ts = require('typescript');
const clientPackage = '@aws-sdk/client-kinesis-analytics';
const clientDir = path.dirname(require.resolve(`${clientPackage}/package.json`));
const file = path.join(root, 'src/server/models/kinesisanalytics.json');

function sourceOf(relative) {
  const p = path.join(clientDir, 'dist-types', relative);
  return ts.createSourceFile(p, fs.readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);
}

const models = sourceOf('models/models_0.d.ts');
const interfaces = new Map();
const enums = new Set();
const errors = {};
for (const node of models.statements) {
  if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  else if (ts.isTypeAliasDeclaration(node)) enums.add(node.name.text); // `type X = (typeof X)[keyof typeof X]`: a string enum
  else if (ts.isClassDeclaration(node) && node.name?.text.endsWith('Exception')) {
    const members = { message: 'string' };
    let fault = 'client';
    for (const m of node.members) {
      if (!ts.isPropertyDeclaration(m)) continue;
      const name = m.name.getText(models);
      if (name === '$fault') fault = m.type.literal.text;
      else if (name !== 'name') members[name] = typeRef(m.type);
    }
    errors[node.name.text] = { fault, members };
  }
}

const shapes = {};

/** A member's type as the model's shape reference: scalar name, shape name or inline list/map. */
function typeRef(type) {
  if (ts.isUnionTypeNode(type)) {
    const kept = type.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    if (kept.length !== 1) throw new Error(`union ${type.getText(models)}`);
    return typeRef(kept[0]);
  }
  if (ts.isArrayTypeNode(type)) return { type: 'list', member: typeRef(type.elementType) };
  if (type.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (type.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText(models);
    if (name === 'Date') return 'timestamp';
    if (name === 'Uint8Array') return 'blob';
    if (name === 'Record') return { type: 'map', key: 'string', value: typeRef(type.typeArguments[1]) };
    if (enums.has(name)) return 'string';
    if (interfaces.has(name)) return structure(name);
  }
  throw new Error(`unknown type ${type.getText(models)}`);
}

function structure(name) {
  if (Object.hasOwn(shapes, name)) return name;
  shapes[name] = null; // placeholder while its members refer back to it
  const members = {};
  const required = [];
  for (const m of interfaces.get(name).members) {
    if (!ts.isPropertySignature(m)) continue;
    const member = m.name.getText(models);
    members[member] = typeRef(m.type);
    if (!m.questionToken) required.push(member);
  }
  shapes[name] = { type: 'structure', ...(required.length ? { required } : {}), members };
  return name;
}

const operations = {};
const commandsDir = path.join(clientDir, 'dist-types/commands');
for (const f of fs.readdirSync(commandsDir).filter((f) => f.endsWith('Command.d.ts'))) {
  const operation = f.replace(/Command\.d\.ts$/, '');
  const source = sourceOf(`commands/${f}`);
  const base = (suffix) => {
    const decl = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `${operation}Command${suffix}`);
    const first = decl.heritageClauses[0].types[0].expression.getText(source);
    return structure(first);
  };
  operations[operation] = { input: base('Input'), output: base('Output') };
}

// The wire settings, as the client's serializers send them (checked, not guessed).
const cjs = fs.readFileSync(path.join(clientDir, 'dist-cjs/index.js'), 'utf8');
const targetPrefix = /"x-amz-target": `(\w+)\.\$\{operation\}`/.exec(cjs)?.[1];
if (!targetPrefix || !cjs.includes('application/x-amz-json-1.1')) throw new Error('the client no longer speaks JSON 1.1 as expected');

const sortedObject = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const version = require(`${clientPackage}/package.json`).version;
const model = {
  source: `${clientPackage}@${version}`,
  metadata: { protocol: 'awsJson1_1', apiVersion: '2015-08-14', targetPrefix, namespace: 'com.amazonaws.kinesisanalytics' },
  operations: sortedObject(operations),
  shapes: sortedObject(shapes),
  errors: sortedObject(errors),
};
const text = render(model);
if (process.argv.includes('--check')) {
  if (fs.readFileSync(file, 'utf8') !== text) {
    console.error(`${path.relative(root, file)} is not current: run node scripts/generate-kinesisanalytics-model.mjs`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(root, file)}`);
}
