import { byName } from '../by-name';
import { arn } from '../identity';
import { emptyInputAsObject } from '../kinesis/validation';
import type { Deadline } from '../scheduler';
import { ServiceEngine, type OperationTable, type ServiceContext } from '../service-context';
import type * as api from './api';
import { describe, inAppStreamNames, type ApplicationState } from './application';
import { checkApplicationCode } from './code';
import { discoverInputSchema } from './discover';
import { analyticsErrors } from './errors';
import { applicationSummary, type AnalyticsApplicationSummary } from './summary';
import type { KinesisAnalyticsEvent } from './events';
import { ApplicationRun } from './run/application-run';
import type { Row } from './input-record';
import type { OutputStatus } from './run/output-writer';
import type { AnalyticsPorts } from './run/ports';
import { planProgram } from './run/program';
import { SqlError } from './sql/parser';
import { checkApplicationName, checkCodeSize, checkInput, checkOutput, LIMITS } from './validation';

const CHECKPOINT_MS = 1000;
const STARTING_POSITIONS = new Set(['NOW', 'TRIM_HORIZON', 'LAST_STOPPED_POINT']);

/**
 * Kinesis Analytics for SQL applications: applications with their inputs, outputs and SQL code, versioned
 * as AWS versions them (every change bumps ApplicationVersionId, and a change names the version it edits).
 * Every change goes through here and emits a change event.
 */
export class KinesisAnalyticsService extends ServiceEngine<KinesisAnalyticsEvent> {
  private readonly applications = new Map<string, ApplicationState>();
  /** The running applications' pipelines, by application name. */
  private readonly runs = new Map<string, ApplicationRun>();
  /** Per running application that read since its last checkpoint: the deadline that will write one. */
  private readonly checkpoints = new Map<string, Deadline>();
  readonly operations: api.KinesisAnalyticsOperations & OperationTable;

  constructor(
    ctx: ServiceContext,
    private readonly ports: AnalyticsPorts = {},
  ) {
    super(ctx);
    this.operations = emptyInputAsObject({
      CreateApplication: (i) => this.create(i),
      DescribeApplication: (i) => ({ ApplicationDetail: describe(this.get(i.ApplicationName)) }),
      ListApplications: (i) => this.list(i),
      UpdateApplication: (i) => this.update(i),
      DeleteApplication: (i) => this.delete(i),
      StartApplication: (i) => this.start(i),
      StopApplication: (i) => this.stop(i),
      AddApplicationInput: (i) => this.addInput(i),
      AddApplicationOutput: (i) => this.addOutput(i),
      DeleteApplicationOutput: (i) => this.deleteOutput(i),
      DiscoverInputSchema: (i) => discoverInputSchema(i, this.ports, this.ctx.scheduler),
      TagResource: (i) => this.tag(i),
      UntagResource: (i) => this.untag(i),
      ListTagsForResource: (i) => ({ Tags: tagList(this.byArn(i.ResourceARN)) }),
    } satisfies api.KinesisAnalyticsOperations);
  }

  dispose(): void {
    for (const deadline of this.checkpoints.values()) deadline.cancel();
    this.checkpoints.clear();
    for (const run of this.runs.values()) run.stop();
    this.runs.clear();
    this.applications.clear();
  }

  /** Every application with its streams and pumps (rows counted for running ones), by name, for the tree. */
  listApplicationSummaries(): AnalyticsApplicationSummary[] {
    return [...this.applications.values()]
      .sort(byName)
      .map((app) => {
        const run = this.runs.get(app.name);
        const rows = run && new Map([...run.streams.values()].map((s) => [s.name, s.rowCount]));
        return applicationSummary(describe(app), rows);
      });
  }

  /** A running application's in-application streams (newest rows last), pumps and outputs; undefined when it is not running. */
  runView(name: string): RunView | undefined {
    const run = this.runs.get(name);
    if (!run) return undefined;
    return {
      streams: [...run.streams.values()].map((s) => ({ name: s.name, columns: s.columns.map((c) => ({ ...c })), rowCount: s.rowCount, recent: structuredClone(s.recent) })),
      pumps: run.pumps.map((p) => ({ name: p.statement.name, from: p.statement.select.from.stream, into: p.statement.target })),
      outputs: run.outputs.map((o) => ({ ...o.status })),
    };
  }

  /** Builds and starts an application's pipeline; the caller has checked everything else. */
  private run(app: ApplicationState, position: api.InputStartingPosition): void {
    const statements = checkApplicationCode(app.code);
    try {
      const run = new ApplicationRun(app, statements, position, app.stoppedPoint, this.ctx.scheduler, this.ports, () => this.progressed(app));
      this.runs.set(app.name, run);
      // Where reading stands from the start (after what NOW skips or TRIM_HORIZON read), so a restart resumes there.
      app.stoppedPoint = run.position();
    } catch (e) {
      if (e instanceof SqlError) throw analyticsErrors.code(`Application code is invalid: ${e.message}`);
      if (e instanceof Error) throw analyticsErrors.configuration(`Application ${app.name} cannot read its input: ${e.message}`);
      throw e;
    }
  }

  /** Stops an application's pipeline and remembers where it stopped reading. */
  private halt(app: ApplicationState): void {
    this.checkpoints.get(app.name)?.cancel();
    this.checkpoints.delete(app.name);
    const run = this.runs.get(app.name);
    if (!run) return;
    this.runs.delete(app.name);
    app.stoppedPoint = run.stop();
  }

  /** A running application takes a new version at once, going on from where the old one stopped reading; an input it can no longer read stops it. */
  private restartIfRunning(app: ApplicationState): void {
    if (app.status !== 'RUNNING') return;
    this.halt(app);
    try {
      this.run(app, 'LAST_STOPPED_POINT');
    } catch {
      app.status = 'READY';
    }
  }

  /**
   * Records read move the position a restart resumes from; it is written at most once a second, so a
   * crash reads at most that second's records again (at least once, as AWS processes them).
   */
  private progressed(app: ApplicationState): void {
    if (this.checkpoints.has(app.name)) return;
    this.checkpoints.set(
      app.name,
      this.ctx.scheduler.after(CHECKPOINT_MS, () => {
        this.checkpoints.delete(app.name);
        const run = this.runs.get(app.name);
        if (!run || this.applications.get(app.name) !== app) return;
        app.stoppedPoint = run.position();
        this.emit({ service: 'kinesisanalytics', type: 'applicationCheckpointed', applicationName: app.name, at: this.now() });
      }),
    );
  }

  // ---- durability: the store reads applications back (src/broker/kinesisanalytics/persistence.ts) ----

  /** Every application as kept, with its code, tags and reading position. */
  savedApplications(): Iterable<ApplicationState> {
    return this.applications.values();
  }

  savedApplication(name: string): ApplicationState | undefined {
    return this.applications.get(name);
  }

  /** Puts back an application kept across a restart, without events; a running one resumes from where it had read. */
  restoreApplication(app: ApplicationState): void {
    this.applications.set(app.name, app);
    if (app.status !== 'RUNNING') return;
    try {
      this.run(app, 'LAST_STOPPED_POINT');
    } catch (e) {
      // Its input or code no longer fits (a stream deleted while it was down): it comes back stopped.
      app.status = 'READY';
      console.error(`eventyard: Kinesis Analytics application ${app.name} could not resume: ${(e as Error).message}`);
    }
  }

  private create(input: api.CreateApplicationInput): { ApplicationSummary: api.ApplicationSummary } {
    checkApplicationName(input.ApplicationName);
    checkCodeSize(input.ApplicationCode);
    checkApplicationCode(input.ApplicationCode);
    const inputs = input.Inputs ?? [];
    const outputs = input.Outputs ?? [];
    if (inputs.length > LIMITS.inputs) throw analyticsErrors.limitExceeded(`An application has at most ${LIMITS.inputs} input`);
    if (outputs.length > LIMITS.outputs) throw analyticsErrors.limitExceeded(`An application has at most ${LIMITS.outputs} outputs`);
    inputs.forEach(checkInput);
    outputs.forEach(checkOutput);
    checkTags(input.Tags ?? [], new Map());
    if (this.applications.has(input.ApplicationName)) throw analyticsErrors.exists(input.ApplicationName, this.account);
    const now = this.now();
    const app: ApplicationState = {
      name: input.ApplicationName,
      arn: arn(this.ctx.identity, 'kinesisanalytics', `application/${input.ApplicationName}`),
      ...(input.ApplicationDescription !== undefined ? { description: input.ApplicationDescription } : {}),
      ...(input.ApplicationCode !== undefined ? { code: input.ApplicationCode } : {}),
      status: 'READY',
      createdAt: now,
      updatedAt: now,
      versionId: 1,
      inputs: [],
      outputs: [],
      nextOutput: 1,
      tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])),
    };
    for (const i of inputs) app.inputs.push(inputDescription(i));
    for (const o of outputs) app.outputs.push(outputDescription(app, o));
    this.applications.set(app.name, app);
    this.changed(app, 'applicationCreated');
    return { ApplicationSummary: summary(app) };
  }

  private list(input: { Limit?: number; ExclusiveStartApplicationName?: string }) {
    const limit = input.Limit ?? 50;
    if (limit < 1 || limit > 50) throw analyticsErrors.invalidArgument('Limit must be between 1 and 50');
    const names = [...this.applications.keys()].sort();
    const start = input.ExclusiveStartApplicationName;
    const after = start === undefined ? names : names.filter((n) => n > start);
    return { ApplicationSummaries: after.slice(0, limit).map((n) => summary(this.applications.get(n)!)), HasMoreApplications: after.length > limit };
  }

  private update(input: Parameters<api.KinesisAnalyticsOperations['UpdateApplication']>[0]): Record<string, never> {
    const app = this.editable(input);
    const u = input.ApplicationUpdate;
    checkCodeSize(u.ApplicationCodeUpdate);
    checkApplicationCode(u.ApplicationCodeUpdate);
    // Everything is checked before anything changes: an update is all or nothing.
    const inputs = structuredClone(app.inputs);
    for (const update of u.InputUpdates ?? []) {
      const target = inputs.find((d) => d.InputId === update.InputId);
      if (!target) throw analyticsErrors.invalidArgument(`Input ${update.InputId} is not an input of application ${app.name}`);
      applyInputUpdate(target, update);
    }
    const outputs = structuredClone(app.outputs);
    for (const update of u.OutputUpdates ?? []) {
      const target = outputs.find((d) => d.OutputId === update.OutputId);
      if (!target) throw analyticsErrors.invalidArgument(`Output ${update.OutputId} is not an output of application ${app.name}`);
      applyOutputUpdate(target, update);
    }
    const code = u.ApplicationCodeUpdate ?? app.code;
    if (app.status === 'RUNNING') {
      // A running application takes the new version at once: check it fits before changing anything.
      try {
        planProgram(checkApplicationCode(code), inputs[0]);
      } catch (e) {
        if (e instanceof SqlError) throw analyticsErrors.code(`Application code is invalid: ${e.message}`);
        throw e;
      }
    }
    app.inputs = inputs;
    app.outputs = outputs;
    if (u.ApplicationCodeUpdate !== undefined) app.code = u.ApplicationCodeUpdate;
    this.restartIfRunning(app);
    this.bump(app);
    return {};
  }

  private delete(input: { ApplicationName: string; CreateTimestamp: Date }): Record<string, never> {
    const app = this.get(input.ApplicationName);
    // AWS compares at second precision: the timestamp a client got from DescribeApplication is in seconds.
    if (Math.floor(input.CreateTimestamp.getTime() / 1000) !== Math.floor(app.createdAt / 1000)) {
      throw analyticsErrors.invalidArgument(`CreateTimestamp does not match application ${app.name}'s creation time`);
    }
    this.halt(app);
    this.applications.delete(app.name);
    this.emit({ service: 'kinesisanalytics', type: 'applicationDeleted', applicationName: app.name, at: this.now() });
    return {};
  }

  private start(input: Parameters<api.KinesisAnalyticsOperations['StartApplication']>[0]): Record<string, never> {
    const app = this.get(input.ApplicationName);
    if (app.status !== 'READY') throw analyticsErrors.inUse(`Application ${app.name} is in ${app.status} state, not READY`);
    if (app.inputs.length === 0) throw analyticsErrors.configuration(`Application ${app.name} has no input to start from`);
    const positions = new Map<string, api.InputStartingPosition>();
    for (const c of input.InputConfigurations) {
      if (!app.inputs.some((d) => d.InputId === c.Id)) throw analyticsErrors.invalidArgument(`Input ${c.Id} is not an input of application ${app.name}`);
      const position = c.InputStartingPositionConfiguration.InputStartingPosition ?? 'NOW';
      if (!STARTING_POSITIONS.has(position)) throw analyticsErrors.invalidArgument(`InputStartingPosition ${position} is not NOW, TRIM_HORIZON or LAST_STOPPED_POINT`);
      positions.set(c.Id, position as api.InputStartingPosition);
    }
    this.run(app, positions.get(app.inputs[0].InputId) ?? 'NOW');
    for (const d of app.inputs) {
      const position = positions.get(d.InputId);
      if (position) d.InputStartingPositionConfiguration = { InputStartingPosition: position };
    }
    app.status = 'RUNNING';
    this.changed(app, 'applicationStarted');
    return {};
  }

  private stop(input: { ApplicationName: string }): Record<string, never> {
    const app = this.get(input.ApplicationName);
    // Stopping a stopped application is accepted, as AWS accepts it.
    if (app.status === 'RUNNING') {
      this.halt(app);
      app.status = 'READY';
      this.changed(app, 'applicationStopped');
    }
    return {};
  }

  private addInput(input: api.VersionedInput & { Input: api.Input }): Record<string, never> {
    const app = this.editable(input);
    checkInput(input.Input);
    if (app.inputs.length >= LIMITS.inputs) throw analyticsErrors.limitExceeded(`An application has at most ${LIMITS.inputs} input`);
    app.inputs.push(inputDescription(input.Input));
    this.bump(app);
    return {};
  }

  private addOutput(input: api.VersionedInput & { Output: api.Output }): Record<string, never> {
    const app = this.editable(input);
    checkOutput(input.Output);
    if (app.outputs.length >= LIMITS.outputs) throw analyticsErrors.limitExceeded(`An application has at most ${LIMITS.outputs} outputs`);
    app.outputs.push(outputDescription(app, input.Output));
    this.restartIfRunning(app);
    this.bump(app);
    return {};
  }

  private deleteOutput(input: api.VersionedInput & { OutputId: string }): Record<string, never> {
    const app = this.editable(input);
    const index = app.outputs.findIndex((o) => o.OutputId === input.OutputId);
    if (index < 0) throw analyticsErrors.outputNotFound(app.name, input.OutputId);
    app.outputs.splice(index, 1);
    this.restartIfRunning(app);
    this.bump(app);
    return {};
  }

  private tag(input: { ResourceARN: string; Tags: api.Tag[] }): Record<string, never> {
    const app = this.byArn(input.ResourceARN);
    checkTags(input.Tags, app.tags);
    for (const t of input.Tags) app.tags.set(t.Key, t.Value);
    this.changed(app, 'applicationUpdated');
    return {};
  }

  private untag(input: { ResourceARN: string; TagKeys: string[] }): Record<string, never> {
    const app = this.byArn(input.ResourceARN);
    for (const k of input.TagKeys) app.tags.delete(k);
    this.changed(app, 'applicationUpdated');
    return {};
  }

  private get(name: string): ApplicationState {
    const app = this.applications.get(name);
    if (!app) throw analyticsErrors.notFound(name, this.account);
    return app;
  }

  private byArn(resourceArn: string): ApplicationState {
    const app = [...this.applications.values()].find((a) => a.arn === resourceArn);
    if (!app) throw analyticsErrors.arnNotFound(resourceArn);
    return app;
  }

  /** An application a change may edit: it exists, the caller edits its current version, it is not busy. */
  private editable(input: api.VersionedInput): ApplicationState {
    const app = this.get(input.ApplicationName);
    if (input.CurrentApplicationVersionId !== app.versionId) {
      throw analyticsErrors.concurrentModification(app.name, input.CurrentApplicationVersionId, app.versionId);
    }
    return app;
  }

  private bump(app: ApplicationState): void {
    app.versionId++;
    app.updatedAt = this.now();
    this.changed(app, 'applicationUpdated');
  }

  private changed(app: ApplicationState, type: 'applicationCreated' | 'applicationUpdated' | 'applicationStarted' | 'applicationStopped'): void {
    this.emit({ service: 'kinesisanalytics', type, applicationName: app.name, application: describe(app), at: this.now() });
  }
}

/** What a running application holds, for the tree, the inspector and tests. */
export interface RunView {
  streams: { name: string; columns: { name: string; type: string }[]; rowCount: number; recent: Row[] }[];
  pumps: { name: string; from: string; into: string }[];
  outputs: OutputStatus[];
}

function summary(app: ApplicationState): api.ApplicationSummary {
  return { ApplicationName: app.name, ApplicationARN: app.arn, ApplicationStatus: app.status };
}

function tagList(app: ApplicationState): api.Tag[] {
  return [...app.tags].map(([Key, Value]) => (Value === undefined ? { Key } : { Key, Value }));
}

function checkTags(tags: api.Tag[], existing: Map<string, string | undefined>): void {
  const keys = new Set([...existing.keys(), ...tags.map((t) => t.Key)]);
  if (keys.size > LIMITS.tags) throw analyticsErrors.tooManyTags(`An application has at most ${LIMITS.tags} tags`);
  for (const t of tags) {
    if (t.Key.length < 1 || t.Key.length > 128 || t.Key.startsWith('aws:')) throw analyticsErrors.invalidArgument(`Tag key ${t.Key} is invalid`);
    if ((t.Value ?? '').length > 256) throw analyticsErrors.invalidArgument(`Tag value of ${t.Key} is longer than 256 characters`);
  }
}

function inputDescription(input: api.Input): api.InputDescription {
  const count = input.InputParallelism?.Count ?? 1;
  return structuredClone({
    InputId: '1.1',
    NamePrefix: input.NamePrefix,
    InAppStreamNames: inAppStreamNames(input.NamePrefix, count),
    ...(input.KinesisStreamsInput ? { KinesisStreamsInputDescription: input.KinesisStreamsInput } : {}),
    ...(input.KinesisFirehoseInput ? { KinesisFirehoseInputDescription: input.KinesisFirehoseInput } : {}),
    InputSchema: input.InputSchema,
    InputParallelism: { Count: count },
    InputStartingPositionConfiguration: {},
  });
}

function outputDescription(app: ApplicationState, output: api.Output): api.OutputDescription {
  return structuredClone({
    OutputId: `1.${app.nextOutput++}`,
    Name: output.Name,
    ...(output.KinesisStreamsOutput ? { KinesisStreamsOutputDescription: output.KinesisStreamsOutput } : {}),
    ...(output.KinesisFirehoseOutput ? { KinesisFirehoseOutputDescription: output.KinesisFirehoseOutput } : {}),
    ...(output.LambdaOutput ? { LambdaOutputDescription: output.LambdaOutput } : {}),
    DestinationSchema: output.DestinationSchema,
  });
}

function applyInputUpdate(target: api.InputDescription, update: api.InputUpdate): void {
  if (update.NamePrefixUpdate !== undefined) target.NamePrefix = update.NamePrefixUpdate;
  const source = update.KinesisStreamsInputUpdate ?? update.KinesisFirehoseInputUpdate;
  if (source) {
    const current = target.KinesisStreamsInputDescription ?? target.KinesisFirehoseInputDescription!;
    const next = { ResourceARN: source.ResourceARNUpdate ?? current.ResourceARN, RoleARN: source.RoleARNUpdate ?? current.RoleARN };
    delete target.KinesisStreamsInputDescription;
    delete target.KinesisFirehoseInputDescription;
    if (update.KinesisStreamsInputUpdate) target.KinesisStreamsInputDescription = next;
    else target.KinesisFirehoseInputDescription = next;
  }
  const schema = update.InputSchemaUpdate;
  if (schema) {
    target.InputSchema = {
      RecordFormat: schema.RecordFormatUpdate ?? target.InputSchema.RecordFormat,
      ...(schema.RecordEncodingUpdate ?? target.InputSchema.RecordEncoding ? { RecordEncoding: schema.RecordEncodingUpdate ?? target.InputSchema.RecordEncoding } : {}),
      RecordColumns: schema.RecordColumnUpdates ?? target.InputSchema.RecordColumns,
    };
  }
  if (update.InputParallelismUpdate?.CountUpdate !== undefined) target.InputParallelism = { Count: update.InputParallelismUpdate.CountUpdate };
  target.InAppStreamNames = inAppStreamNames(target.NamePrefix, target.InputParallelism.Count);
  // The updated input must still be a valid input.
  checkInput({
    NamePrefix: target.NamePrefix,
    ...(target.KinesisStreamsInputDescription ? { KinesisStreamsInput: target.KinesisStreamsInputDescription } : {}),
    ...(target.KinesisFirehoseInputDescription ? { KinesisFirehoseInput: target.KinesisFirehoseInputDescription } : {}),
    InputParallelism: target.InputParallelism,
    InputSchema: target.InputSchema,
  });
}

function applyOutputUpdate(target: api.OutputDescription, update: api.OutputUpdate): void {
  if (update.NameUpdate !== undefined) target.Name = update.NameUpdate;
  const destination = update.KinesisStreamsOutputUpdate ?? update.KinesisFirehoseOutputUpdate ?? update.LambdaOutputUpdate;
  if (destination) {
    const current = target.KinesisStreamsOutputDescription ?? target.KinesisFirehoseOutputDescription ?? target.LambdaOutputDescription!;
    const next = { ResourceARN: destination.ResourceARNUpdate ?? current.ResourceARN, RoleARN: destination.RoleARNUpdate ?? current.RoleARN };
    delete target.KinesisStreamsOutputDescription;
    delete target.KinesisFirehoseOutputDescription;
    delete target.LambdaOutputDescription;
    if (update.KinesisStreamsOutputUpdate) target.KinesisStreamsOutputDescription = next;
    else if (update.KinesisFirehoseOutputUpdate) target.KinesisFirehoseOutputDescription = next;
    else target.LambdaOutputDescription = next;
  }
  if (update.DestinationSchemaUpdate) target.DestinationSchema = update.DestinationSchemaUpdate;
  checkOutput({
    Name: target.Name,
    ...(target.KinesisStreamsOutputDescription ? { KinesisStreamsOutput: target.KinesisStreamsOutputDescription } : {}),
    ...(target.KinesisFirehoseOutputDescription ? { KinesisFirehoseOutput: target.KinesisFirehoseOutputDescription } : {}),
    ...(target.LambdaOutputDescription ? { LambdaOutput: target.LambdaOutputDescription } : {}),
    DestinationSchema: target.DestinationSchema,
  });
}
