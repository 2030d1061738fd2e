import type * as api from './api';
import { analyticsErrors } from './errors';

/** AWS's limits for SQL applications (developer guide, "Limits"). */
export const LIMITS = { inputs: 1, outputs: 3, parallelism: 64, codeBytes: 100_000, columns: 1000, tags: 50 } as const;

const NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const SQL_TYPES = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|REAL|DOUBLE|DECIMAL(\(\d+(,\s*\d+)?\))?|NUMERIC(\(\d+(,\s*\d+)?\))?|BOOLEAN|CHAR(\(\d+\))?|VARCHAR\(\d+\)|VARBINARY\(\d+\)|BINARY(\(\d+\))?|DATE|TIME|TIMESTAMP)$/i;

export function checkApplicationName(name: string): void {
  if (!NAME.test(name)) {
    throw analyticsErrors.invalidArgument(`Application name ${name} is invalid: it must be 1 to 128 letters, digits, '_', '.' or '-'`);
  }
}

export function checkCodeSize(code: string | undefined): void {
  if (code !== undefined && Buffer.byteLength(code) > LIMITS.codeBytes) {
    throw analyticsErrors.invalidArgument(`ApplicationCode is longer than ${LIMITS.codeBytes} bytes`);
  }
}

export function checkSchema(schema: api.SourceSchema): void {
  const type = schema.RecordFormat.RecordFormatType;
  if (type !== 'JSON' && type !== 'CSV') throw analyticsErrors.invalidArgument(`RecordFormatType ${type} is not JSON or CSV`);
  const mapping = schema.RecordFormat.MappingParameters;
  if (type === 'CSV' && mapping?.JSONMappingParameters) throw analyticsErrors.invalidArgument('A CSV record format takes CSVMappingParameters');
  if (type === 'JSON' && mapping?.CSVMappingParameters) throw analyticsErrors.invalidArgument('A JSON record format takes JSONMappingParameters');
  if (schema.RecordEncoding !== undefined && schema.RecordEncoding !== 'UTF-8') {
    throw analyticsErrors.invalidArgument(`RecordEncoding ${schema.RecordEncoding} is not supported: only UTF-8 is`);
  }
  if (schema.RecordColumns.length === 0 || schema.RecordColumns.length > LIMITS.columns) {
    throw analyticsErrors.invalidArgument(`An input schema has 1 to ${LIMITS.columns} RecordColumns`);
  }
  const seen = new Set<string>();
  for (const column of schema.RecordColumns) {
    if (!SQL_TYPES.test(column.SqlType.trim())) throw analyticsErrors.invalidArgument(`SqlType ${column.SqlType} of column ${column.Name} is not a SQL type`);
    if (type === 'JSON' && column.Mapping !== undefined && !column.Mapping.startsWith('$')) {
      throw analyticsErrors.invalidArgument(`Mapping ${column.Mapping} of column ${column.Name} is not a JSON path`);
    }
    if (seen.has(column.Name)) throw analyticsErrors.invalidArgument(`Column ${column.Name} appears twice in the input schema`);
    seen.add(column.Name);
  }
}

/** Exactly one source: a Kinesis stream or a Firehose delivery stream. */
export function checkInput(input: api.Input): void {
  if (!!input.KinesisStreamsInput === !!input.KinesisFirehoseInput) {
    throw analyticsErrors.invalidArgument('An input has exactly one of KinesisStreamsInput and KinesisFirehoseInput');
  }
  checkArn(input.KinesisStreamsInput?.ResourceARN ?? input.KinesisFirehoseInput?.ResourceARN ?? '', input.KinesisStreamsInput ? 'kinesis' : 'firehose');
  const count = input.InputParallelism?.Count ?? 1;
  if (count < 1 || count > LIMITS.parallelism) throw analyticsErrors.invalidArgument(`InputParallelism Count must be between 1 and ${LIMITS.parallelism}`);
  checkSchema(input.InputSchema);
}

/** Exactly one destination: a Kinesis stream, a Firehose delivery stream or a function. */
export function checkOutput(output: api.Output): void {
  const destinations = [output.KinesisStreamsOutput, output.KinesisFirehoseOutput, output.LambdaOutput].filter(Boolean);
  if (destinations.length !== 1) {
    throw analyticsErrors.invalidArgument('An output has exactly one of KinesisStreamsOutput, KinesisFirehoseOutput and LambdaOutput');
  }
  checkArn(destinations[0]!.ResourceARN, output.KinesisStreamsOutput ? 'kinesis' : output.KinesisFirehoseOutput ? 'firehose' : 'lambda');
  const format = output.DestinationSchema.RecordFormatType;
  if (format !== 'JSON' && format !== 'CSV') throw analyticsErrors.invalidArgument(`RecordFormatType ${format} is not JSON or CSV`);
  if (!/^[^\s]{1,32}$/.test(output.Name)) throw analyticsErrors.invalidArgument(`Output name ${output.Name} is invalid`);
}

function checkArn(value: string, service: string): void {
  if (!new RegExp(`^arn:[\\w-]+:${service}:[\\w-]*:\\d{12}:.+$`).test(value)) {
    throw analyticsErrors.invalidArgument(`ResourceARN ${value} is not a ${service} ARN`);
  }
}
