import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The import rules docs/architecture.md states, checked over the relative imports of src/ and webview/:
 * a layer that imports upwards would make the engine depend on the wire, the wire on VS Code, and so on.
 */
const root = path.resolve(__dirname, '../..');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(rel);
    else if (/\.ts$/.test(entry.name)) yield rel;
  }
}

/** Every (file, imported file) pair of a folder, the imported file relative to the repository root. */
function importsOf(dir: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const file of sourceFiles(dir)) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)) {
      pairs.push([file, path.normalize(path.join(path.dirname(file), m[1]))]);
    }
  }
  return pairs;
}

const outside = (dir: string, allowed: string[]) =>
  importsOf(dir).filter(([, target]) => !allowed.some((a) => target === a || target.startsWith(a + path.sep)));

describe('layers (docs/architecture.md)', () => {
  it('the store imports no engine: only the broker-wide errors and event bus besides itself', () => {
    assert.deepEqual(outside('src/broker/store', ['src/broker/store', 'src/broker/errors', 'src/broker/events']), []);
  });

  it('the engine imports nothing from the wire server, the editor, the CLI or the runtime', () => {
    assert.deepEqual(outside('src/broker', ['src/broker', 'schemas']), []);
  });

  it('the wire server imports only the engine besides itself', () => {
    assert.deepEqual(outside('src/server', ['src/server', 'src/broker', 'package.json']), []);
  });

  it('the recorder and replayer import only the engine and the event-file wire client and writer, never vscode', () => {
    assert.deepEqual(outside('src/recording', ['src/recording', 'src/broker', 'src/event-files/wire-client', 'src/event-files/save']), []);
    for (const file of sourceFiles('src/recording')) {
      assert.doesNotMatch(fs.readFileSync(path.join(root, file), 'utf8'), /from 'vscode'/, file);
    }
  });

  it('the event-file runner imports only the definitions parser below it, and never vscode (the CLI runs it)', () => {
    assert.deepEqual(outside('src/event-files', ['src/event-files', 'src/broker/definitions', 'schemas']), []);
    for (const file of sourceFiles('src/event-files')) {
      assert.doesNotMatch(fs.readFileSync(path.join(root, file), 'utf8'), /from 'vscode'/, file);
    }
  });
});
