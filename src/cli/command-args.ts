import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './serve-options';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A subcommand's arguments (`eventyard run|replay ...`): its options plus -h/--help, positionals allowed.
 * Answers 'help' when asked for it; an unknown or malformed option is a UsageError (exit 2, no stack).
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return (parsed.values as { help?: boolean }).help ? ('help' as const) : parsed;
}

/** An `--endpoint` value: a URL of a host, without the trailing slash. */
export function endpointOption(raw: string): string {
  if (!/^https?:\/\/[^/]+\/?$/.test(raw)) throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:4566, not "${raw}".`);
  return raw.replace(/\/$/, '');
}
