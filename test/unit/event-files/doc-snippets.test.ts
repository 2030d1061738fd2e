import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseEventFile } from '../../../src/event-files/parse';

const root = path.resolve(__dirname, '../../..');

function* markdown(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* markdown(rel);
    else if (entry.name.endsWith('.md')) yield rel;
  }
}

describe('event files: the examples in the walkthroughs and the README', () => {
  it('every YAML block that holds steps is a valid event file', () => {
    let checked = 0;
    for (const file of ['README.md', ...markdown('media/walkthroughs')]) {
      for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)) {
        if (!/^steps:/m.test(m[1])) continue;
        assert.deepEqual(parseEventFile(m[1]).issues.map((i) => i.message), [], `${file}:\n${m[1]}`);
        checked++;
      }
    }
    assert.ok(checked >= 4, `checked ${checked} examples`);
  });
});
