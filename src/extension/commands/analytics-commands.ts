import type * as vscode from 'vscode';
import type { InputStartingPosition } from '../../broker/kinesisanalytics/api';
import type { BrokerHost } from '../broker-host';
import { pickAnalyticsApplication } from './pickers';
import { notify, outcomeCommand, pick, requireClient } from './ui';

const POSITIONS = [
  { label: 'NOW', description: 'records put from now on', position: 'NOW' },
  { label: 'TRIM_HORIZON', description: 'every record the input still holds, then new ones', position: 'TRIM_HORIZON' },
  { label: 'LAST_STOPPED_POINT', description: 'the records after where it last stopped reading', position: 'LAST_STOPPED_POINT' },
] as const;

/** Kinesis Analytics SQL applications: start (from a chosen position, or `args.position`) and stop. */
export function registerAnalyticsCommands(host: BrokerHost): vscode.Disposable[] {
  return [
    outcomeCommand<{ position?: InputStartingPosition }>('eventyard.startAnalyticsApplication', async (node, args) => {
      const client = requireClient(host);
      const app = await pickAnalyticsApplication(client, node, (a) => a.status === 'READY');
      const { ApplicationDetail } = await client.analytics('DescribeApplication', { ApplicationName: app.name });
      const input = ApplicationDetail.InputDescriptions[0];
      if (!input) throw new Error(`${app.name} has no input to read; add one with AddApplicationInput first.`);
      const position = args.position ?? (await pick(`Where ${app.name} starts reading its input`, [...POSITIONS])).position;
      await client.analytics('StartApplication', {
        ApplicationName: app.name,
        InputConfigurations: [{ Id: input.InputId, InputStartingPositionConfiguration: { InputStartingPosition: position } }],
      });
      const message = `started ${app.name} from ${position}.`;
      notify(message);
      return message;
    }),

    outcomeCommand('eventyard.stopAnalyticsApplication', async (node) => {
      const client = requireClient(host);
      const app = await pickAnalyticsApplication(client, node, (a) => a.status === 'RUNNING');
      await client.analytics('StopApplication', { ApplicationName: app.name });
      const message = `stopped ${app.name}; LAST_STOPPED_POINT resumes where it stopped reading.`;
      notify(message);
      return message;
    }),
  ];
}
