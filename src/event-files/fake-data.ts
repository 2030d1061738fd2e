import { base, en, Faker } from '@faker-js/faker';

/**
 * Generated data for `${faker:module.method}` (any @faker-js/faker method, e.g. `person.firstName`,
 * `string.uuid`, `number.int({"max": 100})`), seeded so a run generates the same values every time.
 */
export class FakeData {
  private readonly faker = new Faker({ locale: [en, base] });

  constructor(seed: number) {
    this.faker.seed(seed);
  }

  /** Throws an Error naming the expression when it is not a faker method or its arguments are not JSON. */
  generate(expression: string): unknown {
    const m = /^([A-Za-z]+(?:\.[A-Za-z]+)+)(?:\((.*)\))?$/s.exec(expression.trim());
    if (!m) throw new Error(`\${faker:${expression}} should name a method such as person.firstName or number.int({"max": 9}).`);
    let owner: unknown = this.faker;
    let fn: unknown = this.faker;
    for (const part of m[1].split('.')) {
      owner = fn;
      fn = isMember(fn, part) ? (fn as Record<string, unknown>)[part] : undefined;
    }
    if (typeof fn !== 'function') throw new Error(`\${faker:${expression}}: faker has no method ${m[1]} (see https://fakerjs.dev/api/).`);
    let args: unknown[] = [];
    if (m[2] !== undefined && m[2].trim() !== '') {
      try {
        args = JSON.parse(`[${m[2]}]`) as unknown[];
      } catch {
        throw new Error(`\${faker:${expression}}: the arguments must be JSON, e.g. number.int({"min": 1, "max": 9}).`);
      }
    }
    return (fn as (...a: unknown[]) => unknown).apply(owner, args);
  }
}

/**
 * Faker's modules and methods live on prototypes, so `in` rather than an own-property check; Object's own
 * members (constructor, __proto__) and private ones are not methods a file may call.
 */
function isMember(target: unknown, key: string): boolean {
  return typeof target === 'object' && target !== null && key in target && !key.startsWith('_') && !(key in Object.prototype);
}
