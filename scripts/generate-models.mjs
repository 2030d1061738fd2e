#!/usr/bin/env node
// Writes src/server/models/<service>.json: each service's operations and shapes (members, types, required
// members, query/XML wire names and flattening, timestamp formats, error shapes with their HTTP status and
// query codes), read from AWS's own Smithy schemas as the AWS SDK for JavaScript v3 clients ship them
// (`@aws-sdk/client-<service>`, dependencies: the attached window uses them as its client too). The output is committed, so a fresh clone builds without
// generating; test/unit/models/generated.test.ts fails when it is no longer what this script writes.
//
// Usage: node scripts/generate-models.mjs [--check] [service ...]
//   service: a key of SERVICES below (default: all whose client is installed).
//   --check: write nothing; exit 1 when a committed file differs from what would be written.
//
// Adding a service: add `@aws-sdk/client-<name>` as a dependency and a line to SERVICES.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));
export const modelsDir = path.join(root, 'src/server/models');

/** Model file name → the SDK v3 client that carries its schema. */
export const SERVICES = {
  sqs: '@aws-sdk/client-sqs',
  sns: '@aws-sdk/client-sns',
  kinesis: '@aws-sdk/client-kinesis',
  firehose: '@aws-sdk/client-firehose',
  sts: '@aws-sdk/client-sts',
  // Ready once their clients are dependencies:
  events: '@aws-sdk/client-eventbridge',
  states: '@aws-sdk/client-sfn',
  s3: '@aws-sdk/client-s3',
  // Not kinesisanalytics: its client predates the Smithy schemas; scripts/generate-kinesisanalytics-model.mjs
  // writes its model from the client's type declarations.
};

// Smithy's numeric schema references (@smithy/core schema SCHEMA constants).
const LIST_MODIFIER = 64;
const MAP_MODIFIER = 128;
const SCALARS = new Map([
  [0, 'string'],
  [1, 'number'],
  [2, 'boolean'],
  [4, 'timestamp'],
  [5, 'timestamp'],
  [6, 'timestamp'],
  [7, 'timestamp'],
  [15, 'document'],
  [17, 'number'],
  [19, 'number'],
  [21, 'blob'],
  [42, 'blob'],
]);
const TIMESTAMP_FORMATS = { 5: 'iso8601', 6: 'rfc822', 7: 'unixTimestamp' };

/** The model of one service, as plain JSON. */
export function generate(clientPackage) {
  const client = require(clientPackage);
  const shapes = {};
  const operations = {};
  const errors = {};

  /** A shape reference: a scalar type name, a named shape's name, or an inline list/map. */
  function ref(schema) {
    if (typeof schema === 'function') return ref(schema());
    if (schema === 'unit') return 'Unit';
    if (typeof schema === 'number') {
      if (SCALARS.has(schema)) return SCALARS.get(schema);
      if (schema & LIST_MODIFIER) return { type: 'list', member: ref(schema & ~LIST_MODIFIER) };
      if (schema & MAP_MODIFIER) return { type: 'map', key: 'string', value: ref(schema & ~MAP_MODIFIER) };
      throw new Error(`unknown schema reference ${schema}`);
    }
    if (Array.isArray(schema) && typeof schema[0] === 'function') return memberRef(schema);
    if (!Array.isArray(schema)) throw new Error(`unknown schema ${JSON.stringify(schema)}`);
    const [kind, , name] = schema;
    if (kind === 0) return withTraits(ref(schema[4]), schema[3]); // a simple schema with traits
    if (kind === -3) {
      // An error used as a member (an event stream's exception events) is also a structure.
      addError(schema);
      shapes[name] ??= structure(schema, {});
      return name;
    }
    if (!Object.hasOwn(shapes, name)) {
      shapes[name] = null; // placeholder: recursive shapes refer to it by name
      shapes[name] = define(schema);
    }
    return name;
  }

  function define(schema) {
    const [kind, , , traits] = schema;
    if (kind === 1) return { type: 'list', member: memberRef(schema[4]), ...listTraits(traits) };
    if (kind === 2) return { type: 'map', key: memberRef(schema[4]), value: memberRef(schema[5]), ...listTraits(traits) };
    if (kind === 3 || kind === 4) return structure(schema, kind === 4 ? { union: true } : {});
    throw new Error(`unknown schema kind ${kind}`);
  }

  function structure(schema, extra) {
    const [, , , , names, targets, requiredCount = 0] = schema;
    const members = {};
    names.forEach((n, i) => {
      members[n] = memberRef(targets[i]);
    });
    return {
      type: 'structure',
      ...extra,
      ...(requiredCount ? { required: names.slice(0, requiredCount) } : {}),
      members,
    };
  }

  /** A member or list/map element: its target, and the traits the wire needs (`[target, traits]` in the schema). */
  function memberRef(target) {
    if (Array.isArray(target) && (typeof target[0] === 'function' || typeof target[0] === 'number')) {
      return withTraits(ref(target[0]), target[1]);
    }
    return ref(target);
  }

  function withTraits(target, traits) {
    const out = {};
    if (traits && typeof traits === 'object') {
      if (traits.xmlName !== undefined) out.xmlName = traits.xmlName;
      if (traits.xmlFlattened) out.flattened = true;
      if (traits.timestampFormat !== undefined) out.timestampFormat = traits.timestampFormat;
    }
    if (typeof target === 'number' && TIMESTAMP_FORMATS[target]) out.timestampFormat = TIMESTAMP_FORMATS[target];
    return Object.keys(out).length ? { shape: target, ...out } : target;
  }

  function listTraits(traits) {
    return traits && typeof traits === 'object' && traits.xmlFlattened ? { flattened: true } : {};
  }

  function addError(schema) {
    const [, , name, traits, names, targets] = schema;
    if (Object.hasOwn(errors, name)) return;
    const t = traits && typeof traits === 'object' ? traits : {};
    errors[name] = {
      fault: t.error ?? 'client',
      ...(t.httpError !== undefined ? { status: t.httpError } : {}),
      ...(t.awsQueryError ? { queryCode: t.awsQueryError[0], queryStatus: t.awsQueryError[1] } : {}),
    };
    names.forEach((n, i) => {
      (errors[name].members ??= {})[n] = memberRef(targets[i]);
    });
  }

  const exported = Object.entries(client).filter(([k, v]) => k.endsWith('$') && Array.isArray(v));
  for (const [, schema] of exported) {
    if (schema[0] === 9) {
      const input = ref(schema[4]);
      const output = ref(schema[5]);
      operations[schema[2]] = {
        ...(input === 'Unit' ? {} : { input }),
        ...(output === 'Unit' ? {} : { output }),
      };
    } else if (schema[0] === -3) {
      addError(schema);
    }
  }
  delete shapes.Unit;
  const sortedObject = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  const version = require(`${clientPackage}/package.json`).version;
  return {
    source: `${clientPackage}@${version}`,
    metadata: protocolOf(clientPackage),
    operations: sortedObject(operations),
    shapes: sortedObject(shapes),
    errors: sortedObject(errors),
  };
}

/**
 * The wire protocol the client speaks and its settings (target prefix, namespaces), as its runtime
 * configuration declares them: `protocol` is awsJson1_0, awsJson1_1, awsQuery or another Smithy protocol.
 */
function protocolOf(clientPackage) {
  const client = require(clientPackage);
  const Client = Object.entries(client).find(([k, v]) => /^[A-Z]\w*Client$/.test(k) && typeof v === 'function' && v.prototype?.send)?.[1];
  // Constructed only to read its configuration: no request is sent.
  const instance = new Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const { protocol, protocolSettings: settings = {} } = instance.config;
  instance.destroy();
  const className = protocol?.constructor?.name;
  const protocolName = { AwsJson1_0Protocol: 'awsJson1_0', AwsJson1_1Protocol: 'awsJson1_1', AwsQueryProtocol: 'awsQuery' }[className] ?? className;
  return {
    protocol: protocolName,
    apiVersion: settings.version,
    ...(settings.serviceTarget ? { targetPrefix: settings.serviceTarget } : {}),
    ...(settings.defaultNamespace ? { namespace: settings.defaultNamespace } : {}),
    ...(settings.xmlNamespace ? { xmlNamespace: settings.xmlNamespace } : {}),
    ...(settings.awsQueryCompatible ? { awsQueryCompatible: true } : {}),
  };
}

function installed(pkg) {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

export function render(model) {
  return `${JSON.stringify(model, null, 1)}\n`;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const named = args.filter((a) => !a.startsWith('--'));
  const wanted = named.length ? named : Object.keys(SERVICES).filter((s) => installed(SERVICES[s]));
  let stale = 0;
  fs.mkdirSync(modelsDir, { recursive: true });
  for (const service of wanted) {
    if (!SERVICES[service]) throw new Error(`unknown service ${service}; known: ${Object.keys(SERVICES).join(', ')}`);
    const file = path.join(modelsDir, `${service}.json`);
    const text = render(generate(SERVICES[service]));
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (check) {
      if (current !== text) {
        console.error(`${path.relative(root, file)} is not current: run node scripts/generate-models.mjs ${service}`);
        stale++;
      }
    } else if (current !== text) {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(root, file)}`);
    }
  }
  if (stale) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
