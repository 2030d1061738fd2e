import { parseReplayOptions, replayHelp } from './replay-options';
import { parseRunOptions, runHelp } from './run-options';
import { serve } from './serve';
import { parseServeOptions, serveHelp, UsageError } from './serve-options';
import { exportHelp, importHelp, parseExportOptions, parseImportOptions } from './transfer-options';

const help = `Usage: eventyard <command> [options]

Commands:
  serve    run the broker and its local AWS endpoint (see eventyard serve --help)
  run      run event files (*.events.yaml) and check their expectations (see eventyard run --help)
  replay   send a recording's requests again, at its pace or faster (see eventyard replay --help)
  export   write a queue's, a topic outbox's or a stream's messages as NDJSON or CSV, without consuming them
  import   send the messages of an export to a queue, topic or stream (see eventyard import --help)
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
    // Loaded when asked for: `run`, `replay`, `export` and `import` bring the AWS SDK clients, which `serve` would otherwise
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
  if (command === 'export') {
    const options = parseExportOptions(rest);
    if (options === 'help') {
      process.stdout.write(exportHelp);
      return 0;
    }
    const { exportCommand } = await import('./transfer');
    return exportCommand(options);
  }
  if (command === 'import') {
    const options = parseImportOptions(rest);
    if (options === 'help') {
      process.stdout.write(importHelp);
      return 0;
    }
    const { importCommand } = await import('./transfer');
    return importCommand(options);
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
