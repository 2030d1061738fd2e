// Starts code-server (a real VS Code 1.139 workbench served on loopback) from the setup cache, in its own
// process group, with a profile that makes no network calls (no gallery, telemetry, update checks, AI).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startGroup } from './process-group.mjs';

const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'security.workspace.trust.enabled': false,
  // the broker's port is on loopback already; a "port forwarded" toast on every start is noise
  'remote.autoForwardPorts': false,
};

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The environment code-server runs in: Node 24 first on PATH, its config out of $HOME, no gallery. */
function codeServerEnv(paths, stateDir, extra = {}) {
  return {
    ...process.env,
    PATH: `${path.dirname(paths.node24)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** Creates the profile folders; user settings = the quiet defaults plus `settings`. */
export function prepareProfile(stateDir, settings = {}) {
  const profile = { userDataDir: path.join(stateDir, 'user-data'), extensionsDir: path.join(stateDir, 'extensions') };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  const file = path.join(profile.userDataDir, 'User', 'settings.json');
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    current = {};
  }
  fs.writeFileSync(file, JSON.stringify({ ...current, ...QUIET_SETTINGS, ...settings }, null, 2));
  return profile;
}

export function installExtension(paths, stateDir, profile, vsix) {
  const r = spawnSync(paths.node24, [paths.codeServerEntry, '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
  { encoding: 'utf8', env: codeServerEnv(paths, stateDir) });
  if (r.status !== 0) throw new Error(`installing ${vsix} into code-server failed:\n${r.stdout}${r.stderr}`);
}

async function waitHealthy(url, server, logFile, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
  await server.stop();
  throw new Error(`code-server did not come up on ${url}; its log ends:\n${log}`);
}

/**
 * Starts code-server on 127.0.0.1:port and waits until it answers.
 * smokeTestDriver: lets a ?payload= URL load extensionDevelopmentPath/extensionTestsPath (extension-host tests).
 * env: extra variables, inherited by the extension host.
 */
export async function startCodeServer(paths, { stateDir, profile, port, logFile, smokeTestDriver = false, env = {} }) {
  const args = [paths.codeServerEntry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const server = startGroup(paths.node24, args, { logFile, env: codeServerEnv(paths, stateDir, env) });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, server, logFile);
  return { url, port, pgid: server.pgid, logFile, stop: server.stop };
}

/** The workbench URL that opens `folder`. */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
