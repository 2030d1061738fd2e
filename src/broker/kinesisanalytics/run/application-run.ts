import type { Scheduler } from '../../scheduler';
import type { InputStartingPosition } from '../api';
import type { ApplicationState } from '../application';
import { parseRecord, type Row } from '../input-record';
import type { Statement } from '../sql/ast';
import { InAppStream } from './in-app-stream';
import { OutputWriter } from './output-writer';
import type { AnalyticsPorts } from './ports';
import { ERROR_STREAM, planProgram } from './program';
import { PumpRun, type RuntimeError } from './pump';
import { timestampText } from './row-format';
import { startSource, type SourceReader, type SourceRecord, type StoppedPoint } from './source-reader';

/**
 * A running application: its in-application streams (the input's, those its code creates, and
 * error_stream), its pumps and its outputs, fed by a reader of its input. Records are parsed by the input
 * schema into the source stream with ROWTIME (when the application read them, on the broker clock) and
 * APPROXIMATE_ARRIVAL_TIME (when the source received them); what does not fit goes to error_stream.
 */
export class ApplicationRun {
  readonly streams = new Map<string, InAppStream>();
  readonly pumps: PumpRun[] = [];
  readonly outputs: OutputWriter[] = [];
  private readonly reader: SourceReader;

  /** Throws SqlError when the code does not fit the input, or the source's error when it cannot be read. */
  constructor(
    private readonly app: ApplicationState,
    statements: Statement[],
    position: InputStartingPosition,
    stopped: StoppedPoint | undefined,
    private readonly scheduler: Scheduler,
    ports: AnalyticsPorts,
    /** Called after each batch of records read, so the service can checkpoint the position. */
    private readonly onRead: () => void = () => {},
  ) {
    const input = app.inputs[0];
    const plan = planProgram(statements, input);
    for (const [name, columns] of plan.streams) this.streams.set(name, new InAppStream(name, columns));
    for (const output of app.outputs) {
      const stream = this.streams.get(output.Name) ?? this.streams.get(output.Name.toUpperCase());
      if (!stream) continue; // an output naming no stream writes nothing, as AWS's does until the code creates it
      this.outputs.push(new OutputWriter(output, stream, ports, app.arn));
    }
    for (const pump of plan.pumps) {
      this.pumps.push(new PumpRun(pump, this.streams.get(pump.select.from.stream)!, this.streams.get(pump.target)!, scheduler, (e) => this.error(e)));
    }
    for (const o of this.outputs) o.start();
    for (const p of this.pumps) p.start();
    try {
      this.reader = startSource(input, position, stopped, ports, (records) => this.read(records));
    } catch (e) {
      this.stopParts();
      throw e;
    }
  }

  /** Stops reading and running; returns where reading stopped (LAST_STOPPED_POINT). */
  stop(): StoppedPoint {
    this.reader.stop();
    this.stopParts();
    return this.reader.position();
  }

  /** Where reading stands now, for a save while running. */
  position(): StoppedPoint {
    return this.reader.position();
  }

  private stopParts(): void {
    for (const p of this.pumps) p.stop();
    for (const o of this.outputs) o.stop();
  }

  private read(records: SourceRecord[]): void {
    const input = this.app.inputs[0];
    const names = input.InAppStreamNames;
    const rowtime = new Date(this.scheduler.now());
    const byStream = new Map<string, Row[]>();
    for (const record of records) {
      const parsed = parseRecord(input.InputSchema, record.data);
      if (!parsed.ok) {
        this.error({ name: 'Record_Format_Error', message: parsed.reason, data: { text: record.data.toString('utf8'), rowtime } });
        continue;
      }
      const name = names[record.shardIndex % names.length];
      let rows = byStream.get(name);
      if (!rows) byStream.set(name, (rows = []));
      for (const row of parsed.rows) rows.push({ ROWTIME: rowtime, ...row, APPROXIMATE_ARRIVAL_TIME: new Date(record.arrivedAt) });
    }
    for (const [name, rows] of byStream) this.streams.get(name)!.insert(rows);
    this.onRead();
  }

  private error(e: RuntimeError): void {
    const now = new Date(this.scheduler.now());
    const rowtime = e.data?.rowtime ?? (e.row?.ROWTIME instanceof Date ? e.row.ROWTIME : null);
    const data = e.data?.text ?? (e.row ? rowText(e.row) : null);
    this.streams.get(ERROR_STREAM)!.insert([
      {
        ROWTIME: now,
        ERROR_TIME: now,
        ERROR_LEVEL: 'ERROR',
        ERROR_NAME: e.name.slice(0, 32),
        MESSAGE: e.message.slice(0, 4096),
        DATA_ROWTIME: rowtime,
        DATA_ROW: data === null ? null : data.slice(0, 49152),
        PUMP_NAME: e.pump ?? null,
      },
    ]);
  }
}

/** A row as error_stream's DATA_ROW shows it: its columns as JSON, timestamps as SQL prints them. */
function rowText(row: Row): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'ROWTIME').map(([k, v]) => [k, v instanceof Date ? timestampText(v) : v])));
}
