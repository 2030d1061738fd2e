import { endpointOption, parseCommandArgs } from './command-args';
import { UsageError } from './serve-options';

export interface ReplayCliOptions {
  file: string;
  endpoint: string;
  /** Times faster than recorded; Infinity: as fast as the target answers. */
  speed: number;
  transform?: string;
  region?: string;
}

export const replayHelp = `Usage: eventyard replay [options] FILE

Sends the requests of a recording (NDJSON, from eventyard serve --record or the editor's "Start
Recording") again, in order, to an AWS endpoint: an eventyard serve, an editor's broker, or AWS itself.
Queues, topics and streams are found there by name. Exit code 0 when every request was taken, 1 when
one was refused, 2 when the file or an option is wrong.

Options:
  --endpoint <url>     where to send (default: AWS_ENDPOINT_URL, else http://127.0.0.1:4566)
  --speed <n|max>      n times the recorded pace (default 1: as recorded; 10: ten times faster);
                       max sends each request as soon as the one before was answered
  --transform <expr>   a JSONata expression applied to each request ({t, service, action, resource,
                       input}); it answers the request to send, or nothing to leave it out, e.g.
                       'resource = "orders" ? $merge([$, {"resource": "orders-copy"}])'
  --region <region>    region of the requests (default: AWS_REGION, else us-east-1)
  -h, --help           show this help
`;

export function parseReplayOptions(argv: string[]): ReplayCliOptions | 'help' {
  const parsed = parseCommandArgs(argv, {
    endpoint: { type: 'string' },
    speed: { type: 'string' },
    transform: { type: 'string' },
    region: { type: 'string' },
  });
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('eventyard replay needs one recording file.');
  const endpoint = endpointOption(values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566');
  return { file: positionals[0], endpoint, speed: parseSpeed(values.speed), transform: values.transform, region: values.region };
}

export function parseSpeed(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (raw === 'max') return Infinity;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(raw) || Number(raw) <= 0 || Number(raw) > 1e6) throw new UsageError(`--speed must be a positive number (10 is ten times faster) or max, not "${raw}".`);
  return Number(raw);
}
