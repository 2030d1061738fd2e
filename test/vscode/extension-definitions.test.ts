import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import { activatedExtension, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace has no folder');
  return folder.uri;
}

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, Buffer.from(text));

suite('extension: workspace definitions and template import', () => {
  const file = () => vscode.Uri.joinPath(root(), 'eventyard.yaml');

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
  });

  test('a mistake becomes a diagnostic on its line; fixing it provisions the resources', async () => {
    const a = await api();
    await write(file(), 'queues:\n  - name: defs-orders\n    visibilityTimeout: 99999\n');
    const diagnostics = (await eventually('a diagnostic on eventyard.yaml', () => {
      const d = vscode.languages.getDiagnostics(file());
      return d.length ? d : undefined;
    }))!;
    assert.equal(diagnostics[0].range.start.line, 2);
    assert.match(diagnostics[0].message, /"visibilityTimeout" must be from 0 to 43200/);
    assert.equal(diagnostics[0].source, 'eventyard');

    await write(file(), 'queues:\n  - name: defs-orders\n    visibilityTimeout: 45\n  - name: defs.fifo\n');
    await eventually('the queue provisioned', () => a.broker!.sqs.listQueueSummaries().some((q) => q.name === 'defs-orders'));
    assert.equal(a.broker!.sqs.listQueueSummaries().find((q) => q.name === 'defs-orders')?.attributes.VisibilityTimeout, '45');
    // defs.fifo without `fifo: true` names a standard queue, which SQS refuses
    const awsError = (await eventually('the AWS error as a diagnostic', () => vscode.languages.getDiagnostics(file()).find((d) => d.code !== undefined)))!;
    assert.equal(awsError.range.start.line, 3, 'on the line of the queue AWS refused');
    assert.match(awsError.message, /alphanumeric characters, hyphens, or underscores/);
  });

  test('an archive is provisioned; a connection whose ${env:NAME} secret is not set is a diagnostic on its line', async () => {
    const a = await api();
    await write(file(), [
      'archives:',
      '  - name: defs-archive',
      '    retentionDays: 3',
      'connections:',
      '  - name: defs-partner',
      '    authorizationType: API_KEY',
      "    apiKey: { name: x-api-key, value: '${env:EVENTYARD_DEFS_TEST_UNSET_KEY}' }",
    ].join('\n'));
    await eventually('the archive provisioned', () => a.broker!.eventbridge.operations.ListArchives({}).Archives.some((x) => x.ArchiveName === 'defs-archive'));
    const missing = (await eventually('the missing variable as a diagnostic', () =>
      vscode.languages.getDiagnostics(file()).find((d) => d.message.includes('EVENTYARD_DEFS_TEST_UNSET_KEY'))))!;
    assert.equal(missing.range.start.line, 4);
    assert.deepEqual(a.broker!.eventbridge.operations.ListConnections({}).Connections, []);
  });

  test('importing a SAM template adds its resources to eventyard.yaml and provisions them', async () => {
    const a = await api();
    const template = vscode.Uri.joinPath(root(), 'template.yaml');
    await write(template, [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Dlq:',
      '    Type: AWS::SQS::Queue',
      '    Properties: { QueueName: sam-dlq }',
      '  Work:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: sam-work',
      '      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 4 }',
      '  Alerts:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: sam-alerts',
      '      Subscription:',
      '        - Protocol: sqs',
      '          Endpoint: !GetAtt Work.Arn',
    ].join('\n'));
    await vscode.commands.executeCommand('eventyard.importTemplate', template);
    const text = Buffer.from(await vscode.workspace.fs.readFile(file())).toString('utf8');
    assert.match(text, /name: sam-work/);
    await eventually('the template\'s queue with its redrive policy', () =>
      a.broker!.sqs.listQueueSummaries().find((q) => q.name === 'sam-work')?.deadLetterTargetName === 'sam-dlq');
    const topic = a.broker!.sns.listTopicSummaries().find((t) => t.name === 'sam-alerts');
    assert.equal(topic?.subscriptions[0].endpoint, a.broker!.sqs.queueArn('sam-work'));
  });
});
