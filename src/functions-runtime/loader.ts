import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const typeScript = /\.[cm]?tsx?$/;

/**
 * Node arguments a handler module needs: TypeScript handlers load through tsx's module hooks. The user's
 * own tsx (found from the handler's folder) wins over ours, so their TypeScript setup is the one used.
 */
export function loaderArgs(modulePath: string): string[] {
  if (!typeScript.test(modulePath)) return [];
  for (const from of [modulePath, __filename]) {
    try {
      return ['--import', pathToFileURL(createRequire(from).resolve('tsx')).href];
    } catch {
      // Not installed there; try the next place.
    }
  }
  throw new Error(`Cannot run TypeScript handler ${modulePath}: install tsx in its project (npm install -D tsx)`);
}
