import { analyticsErrors } from './errors';
import type { Statement } from './sql/ast';

type SqlParserModule = typeof import('./sql/parser');
let sqlParser: SqlParserModule | undefined;

/**
 * The SQL parser module, loaded on the first application code to check: it brings chevrotain (and
 * lodash), whose evaluation `eventyard serve` and the extension would otherwise pay at every start.
 * A require rather than a static import is what lets the bundler (esbuild) evaluate the module lazily.
 */
function parser(): SqlParserModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (sqlParser ??= require('./sql/parser') as SqlParserModule);
}

/**
 * Checks application code as CreateApplication and UpdateApplication do: code that does not parse is a
 * CodeValidationException that says what is wrong and where (line and column). Empty code is allowed: an
 * application may get its code later.
 */
export function checkApplicationCode(code: string | undefined): Statement[] {
  if (code === undefined || code.trim() === '') return [];
  const { parseProgram, SqlError } = parser();
  try {
    return parseProgram(code);
  } catch (e) {
    if (e instanceof SqlError) throw analyticsErrors.code(`Application code is invalid: ${e.message}`);
    throw e;
  }
}
