import fs from 'node:fs';
import { UsageError } from './serve-options';

/** A file a command was given to read, as text; one it cannot read is a usage error that names it. */
export function readInputFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read it: ${(e as Error).message}`);
  }
}
