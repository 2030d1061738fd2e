import { endpointOption, parseCommandArgs } from './command-args';
import { UsageError } from './serve-options';

export interface RunOptions {
  files: string[];
  /** Run against this broker instead of starting one in-process. */
  endpoint?: string;
  /** Definitions to apply to the in-process broker (default: eventyard.yaml/.yml/.json in the current folder). */
  config?: string;
  junit?: string;
  environment?: string;
  seed?: number;
  region?: string;
}

export const runHelp = `Usage: eventyard run [options] FILE...

Runs event files (*.events.yaml): their steps send, publish, put records and events, wait, and check what
should follow. Without --endpoint a broker is started in-process for the run, with the resources of
--config (or of eventyard.yaml in the current folder). Exit code 0 when every step passed, 1 when a step
or expectation failed, 2 when a file is malformed (each problem printed as FILE:LINE:COLUMN).

Options:
  --endpoint <url>     run against this broker (an eventyard serve, or an editor's) instead
  --config <file>      definitions (eventyard.yaml/.json) for the in-process broker
  --junit <path>       also write the results as JUnit XML to <path>
  --env <name>         use the files' environments.<name> vars
  --seed <n>           seed of the generated data (replaces the files' seed)
  --region <region>    region of the requests (default: AWS_REGION, else us-east-1)
  -h, --help           show this help
`;

export function parseRunOptions(argv: string[]): RunOptions | 'help' {
  const parsed = parseCommandArgs(argv, {
    endpoint: { type: 'string' },
    config: { type: 'string' },
    junit: { type: 'string' },
    env: { type: 'string' },
    seed: { type: 'string' },
    region: { type: 'string' },
  });
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  if (!positionals.length) throw new UsageError('eventyard run needs at least one event file.');
  const endpoint = values.endpoint === undefined ? undefined : endpointOption(values.endpoint);
  if (values.endpoint !== undefined && values.config !== undefined) {
    throw new UsageError('--config applies to the in-process broker only; with --endpoint, the broker there already has its resources.');
  }
  let seed: number | undefined;
  if (values.seed !== undefined) {
    if (!/^[0-9]{1,10}$/.test(values.seed) || Number(values.seed) > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${values.seed}".`);
    seed = Number(values.seed);
  }
  return {
    files: positionals,
    endpoint,
    config: values.config,
    junit: values.junit,
    environment: values.env,
    seed,
    region: values.region,
  };
}
