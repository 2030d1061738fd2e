import { parseReplayOptions, replayHelp } from './replay-options';
import { parseRunOptions, runHelp } from './run-options';
import { serve } from './serve';
import { parseServeOptions, serveHelp, UsageError } from './serve-options';

const help = `Usage: eventyard <command> [options]

Commands:
  serve    run the broker and its local AWS endpoint (see eventyard serve --help)
  run      run event files (*.events.yaml) and check their expectations (see eventyard run --help)
  replay   send a recording's requests again, at its pace or faster (see eventyard replay --help)
`;

/** Errors the user can act on are printed plainly, without a stack trace. */
async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help);
    return command === undefined ? 2 : 0;
  }
  if (command === 'run') {
    const options = parseRunOptions(rest);
    if (options === 'help') {
      process.stdout.write(runHelp);
      return 0;
    }
    // Loaded when asked for: `run` and `replay` bring the AWS SDK clients, which `serve` would otherwise
    // load (and the bundle evaluate) at every start before it listens.
    const { run } = await import('./run');
    return run(options);
  }
  if (command === 'replay') {
    const options = parseReplayOptions(rest);
    if (options === 'help') {
      process.stdout.write(replayHelp);
      return 0;
    }
    const { replayCommand } = await import('./replay');
    return replayCommand(options);
  }
  if (command !== 'serve') throw new UsageError(`Unknown command "${command}".`);
  const options = parseServeOptions(rest);
  if (options === 'help') {
    process.stdout.write(serveHelp);
    return 0;
  }
  await serve(options);
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (e: unknown) => {
    if (UsageError.is(e)) {
      process.stderr.write(`eventyard: ${e.message}\nRun "eventyard --help" for usage.\n`);
      process.exit(2);
    }
    process.stderr.write(`eventyard: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
