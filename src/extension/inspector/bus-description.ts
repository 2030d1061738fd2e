import type { BusSummary } from '../../broker/eventbridge/service';
import type { BusArchive, BusDescription, BusTarget } from '../../inspector/protocol';

function describeInput(t: { Input?: string; InputPath?: string; InputTransformer?: { InputTemplate: string } }): string | undefined {
  if (t.Input !== undefined) return `constant input ${t.Input}`;
  if (t.InputPath !== undefined) return `input path ${t.InputPath}`;
  if (t.InputTransformer) return `input transformer ${t.InputTransformer.InputTemplate}`;
  return undefined;
}

/**
 * The bus as its inspector shows it: rules by name with their patterns or schedules and targets, and its
 * archives. From the tree's summary, which this window's engine makes and a connection reads through
 * ListRules, ListTargetsByRule and DescribeArchive, so both panels show the same things the same way.
 */
export function busDescription(bus: BusSummary): BusDescription {
  return {
    name: bus.name,
    arn: bus.arn,
    rules: [...bus.rules]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((r) => ({
        name: r.name,
        state: r.state,
        ...(r.eventPattern !== undefined ? { pattern: r.eventPattern } : {}),
        ...(r.scheduleExpression !== undefined ? { schedule: r.scheduleExpression } : {}),
        targets: r.targets.map((t): BusTarget => {
          const input = describeInput(t);
          return { id: t.Id, arn: t.Arn, ...(input ? { input } : {}) };
        }),
      })),
    archives: bus.archives
      .map((a): BusArchive => ({
        name: a.ArchiveName,
        state: a.State,
        eventCount: a.EventCount,
        sizeBytes: a.SizeBytes,
        ...(a.RetentionDays ? { retentionDays: a.RetentionDays } : {}),
        ...(a.EventPattern !== undefined ? { pattern: a.EventPattern } : {}),
        ...(a.Description !== undefined ? { description: a.Description } : {}),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}
