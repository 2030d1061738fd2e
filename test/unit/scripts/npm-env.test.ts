// The VS Code setup runs a nested `npm install` (code-server, on Node 24) from inside `npm test` and
// `npm start`. These tests run a real outer `npm run` whose script starts a real nested `npm run`, as the
// setup does, and read what the nested script sees.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cleanEnvModule = path.resolve(__dirname, '../../../scripts/lib/npm-env.mjs');

interface Seen {
  userAgent: string;
  path: string;
  lifecycleEvent: string;
  packageName: string;
}

/**
 * outer/: `npm run probe` runs probe.mjs, which runs `npm run show` in inner/ (a folder outside outer/)
 * with either the cleaned environment or its own, and prints what `show` saw.
 */
function nestedRun(mode: 'clean' | 'inherited', outerUserAgent: string): { seen: Seen; outer: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-npm-env-'));
  try {
    const outer = path.join(top, 'outer');
    const inner = path.join(top, 'inner');
    fs.mkdirSync(path.join(outer, 'node_modules', '.bin'), { recursive: true });
    fs.mkdirSync(inner);
    fs.writeFileSync(path.join(outer, 'package.json'), JSON.stringify({ name: 'outer', scripts: { probe: 'node probe.mjs' } }));
    fs.writeFileSync(path.join(outer, 'probe.mjs'), `
      import { spawnSync } from 'node:child_process';
      import { cleanNpmEnv } from ${JSON.stringify(cleanEnvModule)};
      const env = process.argv[2] === 'clean' ? cleanNpmEnv() : process.env;
      const r = spawnSync('npm', ['run', '--silent', 'show'], { cwd: ${JSON.stringify(inner)}, env, encoding: 'utf8' });
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exit(r.status ?? 1);
    `);
    const show = 'node -e "const e = process.env; console.log(JSON.stringify({ userAgent: e.npm_config_user_agent, '
      + 'path: e.PATH, lifecycleEvent: e.npm_lifecycle_event, packageName: e.npm_package_name }))"';
    fs.writeFileSync(path.join(inner, 'package.json'), JSON.stringify({ name: 'inner', scripts: { show } }));
    // Only what a user's shell would have: no variables of the npm running this test suite.
    const shellEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const r = spawnSync('npm', ['run', '--silent', 'probe', '--', mode], {
      cwd: outer,
      env: { ...shellEnv, npm_config_user_agent: outerUserAgent },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `npm run probe failed: ${r.stderr}`);
    return { seen: JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Seen, outer };
  } finally {
    fs.rmSync(top, { recursive: true, force: true });
  }
}

describe('nested npm installs (scripts/lib/npm-env.mjs)', function () {
  this.timeout(60_000);
  // What an outer npm on another Node major exports; code-server's postinstall reads the Node version from it.
  const outerAgent = 'npm/11.0.0 node/v18.0.0 linux x64 workspaces/false';

  it('a nested npm started with the clean environment reports its own Node, not the outer npm\'s', () => {
    const { seen, outer } = nestedRun('clean', outerAgent);
    assert.match(seen.userAgent, new RegExp(`node/${process.version.replace(/\./g, '\\.')} `));
    assert.equal(seen.lifecycleEvent, 'show');
    assert.equal(seen.packageName, 'inner');
    assert.ok(!seen.path.split(':').includes(path.join(outer, 'node_modules', '.bin')),
      `the outer package's node_modules/.bin leaked into the nested PATH: ${seen.path}`);
  });

  it('without it, the outer npm\'s user agent leaks into the nested one (the failure the clean environment prevents)', () => {
    const { seen } = nestedRun('inherited', outerAgent);
    assert.equal(seen.userAgent, outerAgent);
  });
});
