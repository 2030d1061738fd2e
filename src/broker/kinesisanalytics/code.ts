import { analyticsErrors } from './errors';
import type { Statement } from './sql/ast';
import { parseProgram, SqlError } from './sql/parser';

/**
 * Checks application code as CreateApplication and UpdateApplication do: code that does not parse is a
 * CodeValidationException that says what is wrong and where (line and column). Empty code is allowed: an
 * application may get its code later.
 */
export function checkApplicationCode(code: string | undefined): Statement[] {
  if (code === undefined || code.trim() === '') return [];
  try {
    return parseProgram(code);
  } catch (e) {
    if (e instanceof SqlError) throw analyticsErrors.code(`Application code is invalid: ${e.message}`);
    throw e;
  }
}
