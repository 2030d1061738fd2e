// Children started in their own process group (setsid) and ended as a group (kill -- -PGID): code-server
// forks a server, extension hosts and file watchers that outlive a killed parent otherwise. Every group still
// alive when this process ends (normally, on an error, or on Ctrl-C / SIGTERM) is ended too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const groups = new Set();

function alive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pgid, sig) {
  try {
    process.kill(-pgid, sig);
  } catch {
    // the group is already gone
  }
}

/** Ends a process group: SIGTERM, then SIGKILL after graceMs if anything of it is left. */
export async function stopGroup(pgid, graceMs = 5000) {
  signal(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pgid)) signal(pgid, 'SIGKILL');
  groups.delete(pgid);
}

/**
 * Starts `cmd args` as the leader of a new session/process group; its stdout+stderr go to logFile.
 * Returns { pgid, child, stop() }.
 */
export function startGroup(cmd, args, { logFile, env, cwd } = {}) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  // detached: true makes node call setsid() in the child, so its pid is the new process group id
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], env, cwd });
  if (typeof out === 'number') fs.closeSync(out);
  const pgid = child.pid;
  if (!pgid) throw new Error(`could not start ${cmd}`);
  groups.add(pgid);
  return { pgid, child, stop: (graceMs) => stopGroup(pgid, graceMs) };
}

/** Ends all groups still running; installed once for exit and for the usual termination signals. */
export async function stopAllGroups() {
  await Promise.all([...groups].map((g) => stopGroup(g)));
}

process.on('exit', () => {
  for (const g of groups) signal(g, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    stopAllGroups().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}
