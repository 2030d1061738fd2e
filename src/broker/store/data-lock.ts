import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoreError } from './store-error';

const LOCK_FILE = 'LOCK';
/** Folders this process holds: a second broker on the same folder in one process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the data folder for this process. Two brokers writing one journal would interleave records and
 * corrupt it, so a folder held by a live process is refused; a lock left by a killed process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const key = path.resolve(dir);
  if (heldHere.has(key)) throw new StoreError(`The data folder ${dir} is already in use by this process.`);
  const file = path.join(dir, LOCK_FILE);
  const holder = readHolder(file);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new StoreError(`The data folder ${dir} is in use by another Eventyard (process ${holder}).`);
  }
  fs.writeFileSync(file, String(process.pid));
  heldHere.add(key);
  return () => {
    heldHere.delete(key);
    if (readHolder(file) === process.pid) fs.rmSync(file, { force: true });
  };
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
