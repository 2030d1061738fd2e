import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';

describe('SNS delivery to Firehose', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'eventyard-sns-firehose-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes each notification as a newline-terminated record of the subscribed delivery stream', async () => {
    const broker = new Broker({ clock: new FakeClock(), firehose: { bucketsRoot: root } });
    broker.firehose.operations.CreateDeliveryStream({
      DeliveryStreamName: 'archive',
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::lake' },
    });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({
      TopicArn,
      Protocol: 'firehose',
      Endpoint: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/archive',
      Attributes: { RawMessageDelivery: 'true', SubscriptionRoleArn: 'arn:aws:iam::000000000000:role/sns' },
    });
    broker.sns.operations.Publish({ TopicArn, Message: 'first' });
    broker.sns.operations.Publish({ TopicArn, Message: 'second' });
    await broker.sns.settled();
    await broker.firehose.flushAll();
    const walk = async (dir: string): Promise<string[]> =>
      (await Promise.all((await readdir(dir, { withFileTypes: true })).filter((e) => e.name !== '.s3').map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])))).flat();
    const [object] = await walk(root);
    assert.equal(await readFile(object, 'utf8'), 'first\nsecond\n');
    assert.deepEqual(broker.sns.listDeliveries(TopicArn).map((d) => d.status), ['delivered', 'delivered']);
    broker.dispose();
  });

  it('fails the delivery when the stream does not exist', async () => {
    const broker = new Broker({ clock: new FakeClock(), firehose: { bucketsRoot: root } });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'firehose', Endpoint: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/missing' });
    broker.sns.operations.Publish({ TopicArn, Message: 'lost' });
    await broker.sns.settled();
    const [record] = broker.sns.listDeliveries(TopicArn);
    assert.equal(record.status, 'failed');
    assert.match(record.detail ?? '', /missing/);
    broker.dispose();
  });
});
