import assert from 'node:assert/strict';
import { expectAwsError, invalidParameterValue, queueDoesNotExist, SECOND, setup } from './support';

describe('SQS queues', () => {
  describe('CreateQueue', () => {
    it('returns the queue URL on the client endpoint, account and name', () => {
      const { ops } = setup();
      assert.equal(ops.CreateQueue({ QueueName: 'orders' }).QueueUrl, 'http://127.0.0.1:4566/000000000000/orders');
      assert.equal(
        ops.CreateQueue({ QueueName: 'orders' }, { endpoint: 'http://localhost:9999' }).QueueUrl,
        'http://localhost:9999/000000000000/orders',
      );
    });

    it('is idempotent for the same attributes and fails for a different value', async () => {
      const { ops } = setup();
      const url = ops.CreateQueue({ QueueName: 'q', Attributes: { DelaySeconds: '1' } }).QueueUrl;
      assert.equal(ops.CreateQueue({ QueueName: 'q', Attributes: { DelaySeconds: '1' } }).QueueUrl, url);
      assert.equal(ops.CreateQueue({ QueueName: 'q' }).QueueUrl, url);
      const expected = {
        code: 'QueueNameExists',
        queryCode: 'QueueAlreadyExists',
        message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
      };
      await expectAwsError(() => ops.CreateQueue({ QueueName: 'q', Attributes: { DelaySeconds: '2' } }), expected);
      await expectAwsError(() => ops.CreateQueue({ QueueName: 'q', Attributes: { DelaySeconds: '0' } }), expected);
    });

    it('names the differing attribute of a FIFO queue', async () => {
      const { ops } = setup();
      ops.CreateQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
      await expectAwsError(
        () => ops.CreateQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } }),
        {
          code: 'QueueNameExists',
          queryCode: 'QueueAlreadyExists',
          message: 'A queue already exists with the same name and a different value for attribute ContentBasedDeduplication',
        },
      );
    });

    it('rejects FIFO-only attributes on a standard queue with the words AWS uses', async () => {
      const { ops } = setup();
      const cases: [Record<string, string>, string][] = [
        [{ FifoQueue: 'false' }, 'Unknown Attribute FifoQueue.'],
        [{ ContentBasedDeduplication: 'true' }, 'Unknown Attribute ContentBasedDeduplication.'],
        [{ DeduplicationScope: 'queue' }, 'You can specify the DeduplicationScope only when FifoQueue is set to true.'],
        [{ FifoThroughputLimit: 'perQueue' }, 'You can specify the FifoThroughputLimit only when FifoQueue is set to true.'],
      ];
      for (const [Attributes, message] of cases) {
        await expectAwsError(() => ops.CreateQueue({ QueueName: 'std', Attributes }), { code: 'InvalidAttributeName', message });
      }
    });

    it('checks queue names for both queue types', async () => {
      const { ops } = setup();
      const standard = invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
      await expectAwsError(() => ops.CreateQueue({ QueueName: 'has space' }), standard);
      await expectAwsError(() => ops.CreateQueue({ QueueName: 'a'.repeat(81) }), standard);
      await expectAwsError(() => ops.CreateQueue({ QueueName: 'plain.fifo' }), standard);
      await expectAwsError(
        () => ops.CreateQueue({ QueueName: 'no-suffix', Attributes: { FifoQueue: 'true' } }),
        invalidParameterValue(
          'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
        ),
      );
      assert.ok(ops.CreateQueue({ QueueName: 'a'.repeat(80) }).QueueUrl.endsWith('a'.repeat(80)));
      await expectAwsError(() => ops.CreateQueue({ QueueName: '' }), {
        code: 'MissingRequiredParameterException',
        queryCode: 'MissingParameter',
        message: 'The request must contain the parameter QueueName.',
      });
    });

    it('emits queueCreated once for a new queue', () => {
      const { ops, events } = setup();
      ops.CreateQueue({ QueueName: 'q' });
      ops.CreateQueue({ QueueName: 'q' });
      assert.deepEqual(events.map((e) => e.type), ['queueCreated']);
    });

    it('applies the tags given at creation', () => {
      const { ops } = setup();
      const url = ops.CreateQueue({ QueueName: 'q', tags: { team: 'a' } }).QueueUrl;
      assert.deepEqual(ops.ListQueueTags({ QueueUrl: url }), { Tags: { team: 'a' } });
    });
  });

  describe('GetQueueUrl and queue URLs', () => {
    it('finds a queue by name and fails with QueueDoesNotExist otherwise', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      assert.deepEqual(ops.GetQueueUrl({ QueueName: 'q' }), { QueueUrl: url });
      await expectAwsError(() => ops.GetQueueUrl({ QueueName: 'missing' }), queueDoesNotExist);
      await expectAwsError(() => ops.GetQueueUrl({ QueueName: 'q', QueueOwnerAWSAccountId: '111111111111' }), queueDoesNotExist);
    });

    it('accepts URLs of any host and scheme, the path-style form and a bare name', () => {
      const { ops, createQueue } = setup();
      createQueue('q');
      ops.SendMessage({ QueueUrl: 'http://127.0.0.1:4566/000000000000/q', MessageBody: 'a' });
      ops.SendMessage({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/q', MessageBody: 'b' });
      ops.SendMessage({ QueueUrl: 'http://localhost:4566/queue/us-east-1/000000000000/q', MessageBody: 'c' });
      ops.SendMessage({ QueueUrl: 'q', MessageBody: 'd' });
      const attrs = ops.GetQueueAttributes({ QueueUrl: 'q', AttributeNames: ['ApproximateNumberOfMessages'] });
      assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '4');
    });

    it('does not resolve another account or an unknown queue', async () => {
      const { ops, createQueue } = setup();
      createQueue('q');
      await expectAwsError(() => ops.GetQueueAttributes({ QueueUrl: 'http://h/111111111111/q' }), queueDoesNotExist);
      await expectAwsError(() => ops.SendMessage({ QueueUrl: 'http://h/000000000000/nope', MessageBody: 'x' }), queueDoesNotExist);
    });

    it('offers URL helpers', () => {
      const { sqs } = setup();
      assert.equal(sqs.queueUrl('q'), 'http://127.0.0.1:4566/000000000000/q');
      assert.equal(sqs.queueUrl('q', 'http://x:1'), 'http://x:1/000000000000/q');
      assert.equal(sqs.queueNameFromUrl('http://x:1/000000000000/q'), 'q');
      assert.equal(sqs.queueNameFromUrl('http://x:1/queue/eu-west-1/000000000000/q.fifo'), 'q.fifo');
    });
  });

  describe('ListQueues', () => {
    it('filters by prefix and answers no QueueUrls when none match', () => {
      const { ops, createQueue } = setup();
      const a1 = createQueue('a-1');
      const a2 = createQueue('a-2');
      const b = createQueue('b-1');
      assert.deepEqual(ops.ListQueues({ QueueNamePrefix: 'a-' }).QueueUrls, [a1, a2]);
      assert.deepEqual(ops.ListQueues({}).QueueUrls, [a1, a2, b]);
      assert.deepEqual(ops.ListQueues({ QueueNamePrefix: 'zzz' }), {});
    });

    it('pages with MaxResults and NextToken', () => {
      const { ops, createQueue } = setup();
      const urls = Array.from({ length: 10 }, (_, i) => createQueue(`test-queue-${i}`));
      const first = ops.ListQueues({ MaxResults: 2 });
      assert.deepEqual(first.QueueUrls, urls.slice(0, 2));
      assert.ok(first.NextToken);
      const rest = ops.ListQueues({ MaxResults: 1000, NextToken: first.NextToken });
      assert.deepEqual(rest.QueueUrls, urls.slice(2));
      assert.equal(rest.NextToken, undefined);
      assert.equal(ops.ListQueues({}).NextToken, undefined);
    });

    it('rejects a NextToken it did not hand out', async () => {
      const { ops } = setup();
      await expectAwsError(() => ops.ListQueues({ MaxResults: 1, NextToken: 'bm9wZQ==' }), invalidParameterValue('Invalid NextToken value.'));
    });

    it('rejects MaxResults outside 1-1000', async () => {
      const { ops } = setup();
      for (const MaxResults of [0, 1001]) {
        await expectAwsError(
          () => ops.ListQueues({ MaxResults }),
          invalidParameterValue(`Value ${MaxResults} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.`),
        );
      }
    });
  });

  describe('DeleteQueue', () => {
    it('removes the queue, answers later calls with QueueDoesNotExist and emits queueDeleted', async () => {
      const { ops, createQueue, events } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'x' });
      assert.deepEqual(ops.DeleteQueue({ QueueUrl: url }), {});
      await expectAwsError(() => ops.DeleteQueue({ QueueUrl: url }), queueDoesNotExist);
      await expectAwsError(() => ops.ReceiveMessage({ QueueUrl: url }), queueDoesNotExist);
      assert.equal(events.at(-1)?.type, 'queueDeleted');
      assert.deepEqual(ops.ListQueues({}), {});
    });

    it('holds the name of a deleted queue for 60 seconds: CreateQueue fails with QueueDeletedRecently', async () => {
      const { ops, createQueue, clock } = setup();
      ops.DeleteQueue({ QueueUrl: createQueue('q') });
      const deletedRecently = {
        code: 'QueueDeletedRecently',
        queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently',
        message: 'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
      };
      await expectAwsError(() => createQueue('q'), deletedRecently);
      clock.advance(60 * SECOND - 1);
      await expectAwsError(() => createQueue('q', { DelaySeconds: '5' }), deletedRecently);
      // Other names are free meanwhile.
      createQueue('other');
      clock.advance(1);
      const url = createQueue('q');
      assert.deepEqual(ops.ListQueues({ QueueNamePrefix: 'q' }).QueueUrls, [url]);
    });

    it('frees held names when the broker is reset', () => {
      const { ops, createQueue, sqs } = setup();
      ops.DeleteQueue({ QueueUrl: createQueue('q') });
      sqs.releaseDeletedQueueNames();
      assert.equal(createQueue('q'), 'http://127.0.0.1:4566/000000000000/q');
    });

    it('answers a long poll on the deleted queue with no messages', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      const poll = ops.ReceiveMessage({ QueueUrl: url, WaitTimeSeconds: 20 });
      ops.DeleteQueue({ QueueUrl: url });
      assert.deepEqual(await poll, {});
    });
  });

  describe('tags', () => {
    it('tags, untags and lists as AWS shows them', () => {
      const { ops, createQueue, events } = setup();
      const url = createQueue('q');
      ops.TagQueue({ QueueUrl: url, Tags: { tag1: 'value1', tag2: 'value2', tag3: '' } });
      assert.deepEqual(ops.ListQueueTags({ QueueUrl: url }), { Tags: { tag1: 'value1', tag2: 'value2', tag3: '' } });
      ops.UntagQueue({ QueueUrl: url, TagKeys: ['tag1', 'tag3'] });
      assert.deepEqual(ops.ListQueueTags({ QueueUrl: url }), { Tags: { tag2: 'value2' } });
      ops.UntagQueue({ QueueUrl: url, TagKeys: ['tag2'] });
      assert.deepEqual(ops.ListQueueTags({ QueueUrl: url }), {});
      assert.equal(events.filter((e) => e.type === 'queueTagged').length, 3);
    });

    it('allows 50 tags per queue and refuses the 51st without changing the tags', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('many');
      const tags = (from: number, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${from + i}`, 'v']));
      ops.TagQueue({ QueueUrl: url, Tags: tags(0, 49) });
      ops.TagQueue({ QueueUrl: url, Tags: { k0: 'replaced', k49: 'v' } });
      await expectAwsError(() => ops.TagQueue({ QueueUrl: url, Tags: { k50: 'v' } }), invalidParameterValue('Too many tags added for queue many.'));
      const listed = ops.ListQueueTags({ QueueUrl: url }).Tags ?? {};
      assert.equal(Object.keys(listed).length, 50);
      assert.equal(listed.k0, 'replaced');
      assert.equal(listed.k50, undefined);
      await expectAwsError(() => ops.CreateQueue({ QueueName: 'born-full', tags: tags(0, 51) }), invalidParameterValue('Too many tags added for queue born-full.'));
      await expectAwsError(() => ops.GetQueueUrl({ QueueName: 'born-full' }), queueDoesNotExist);
    });

    it('checks key and value lengths in characters and reserves the aws: prefix', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('q');
      const keyLength = invalidParameterValue('Tag keys must be between 1 and 128 characters in length.');
      const valueLength = invalidParameterValue('Tag values must be between 0 and 256 characters in length.');
      await expectAwsError(() => ops.TagQueue({ QueueUrl: url, Tags: { '': 'v' } }), keyLength);
      await expectAwsError(() => ops.TagQueue({ QueueUrl: url, Tags: { ['k'.repeat(129)]: 'v' } }), keyLength);
      await expectAwsError(() => ops.TagQueue({ QueueUrl: url, Tags: { k: 'v'.repeat(257) } }), valueLength);
      await expectAwsError(
        () => ops.TagQueue({ QueueUrl: url, Tags: { 'AWS:owner': 'me' } }),
        invalidParameterValue('Tag key AWS:owner is invalid. Reason: The prefix aws: is reserved for AWS use.'),
      );
      await expectAwsError(
        () => ops.CreateQueue({ QueueName: 'bad-tags', tags: { 'aws:x': '' } }),
        invalidParameterValue('Tag key aws:x is invalid. Reason: The prefix aws: is reserved for AWS use.'),
      );
      // The longest allowed, counted in characters: 128 emoji keys are 256 UTF-16 units.
      ops.TagQueue({ QueueUrl: url, Tags: { ['🎉'.repeat(128)]: '🎉'.repeat(256), 'not-aws:': '' } });
      assert.equal(Object.keys(ops.ListQueueTags({ QueueUrl: url }).Tags ?? {}).length, 2);
    });
  });

  describe('PurgeQueue', () => {
    it('removes every message and allows one purge per 60 seconds', async () => {
      const { ops, createQueue, clock, events } = setup();
      const url = createQueue('purge-me');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'b', DelaySeconds: 10 });
      await ops.ReceiveMessage({ QueueUrl: url });
      ops.SendMessage({ QueueUrl: url, MessageBody: 'c' });
      ops.PurgeQueue({ QueueUrl: url });
      assert.equal(events.at(-1)?.type, 'queuePurged');
      const attrs = ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
      assert.equal(attrs.ApproximateNumberOfMessages, '0');
      assert.equal(attrs.ApproximateNumberOfMessagesNotVisible, '0');
      assert.equal(attrs.ApproximateNumberOfMessagesDelayed, '0');
      const again = {
        code: 'PurgeQueueInProgress',
        queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress',
        message: 'Only one PurgeQueue operation on purge-me is allowed every 60 seconds.',
        status: 403,
      };
      await expectAwsError(() => ops.PurgeQueue({ QueueUrl: url }), again);
      clock.advance(59 * SECOND);
      await expectAwsError(() => ops.PurgeQueue({ QueueUrl: url }), again);
      clock.advance(1 * SECOND);
      ops.PurgeQueue({ QueueUrl: url });
    });

    it('leaves no in-flight message to come back after the purge', async () => {
      const { ops, createQueue, clock } = setup();
      const url = createQueue('q');
      ops.SendMessage({ QueueUrl: url, MessageBody: 'a' });
      await ops.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 5 });
      ops.PurgeQueue({ QueueUrl: url });
      clock.advance(10 * SECOND);
      assert.deepEqual(await ops.ReceiveMessage({ QueueUrl: url }), {});
    });
  });

  describe('AddPermission and RemovePermission', () => {
    it('writes statements into Policy as SQS does and removes them again', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('perm');
      const arn = 'arn:aws:sqs:us-east-1:000000000000:perm';
      ops.AddPermission({ QueueUrl: url, Label: 'crossaccountpermission', AWSAccountIds: ['668614515564', '000000000000'], Actions: ['ReceiveMessage'] });
      const policy = JSON.parse(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }).Attributes?.Policy ?? '{}');
      assert.deepEqual(policy, {
        Version: '2008-10-17',
        Id: `${arn}/SQSDefaultPolicy`,
        Statement: [
          {
            Sid: 'crossaccountpermission',
            Effect: 'Allow',
            Principal: { AWS: ['arn:aws:iam::668614515564:root', 'arn:aws:iam::000000000000:root'] },
            Action: 'SQS:ReceiveMessage',
            Resource: arn,
          },
        ],
      });
      ops.RemovePermission({ QueueUrl: url, Label: 'crossaccountpermission' });
      assert.deepEqual(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }), {});
    });

    it('rejects a repeated label and removing an unknown one', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('perm');
      const add = (Label: string) =>
        ops.AddPermission({ QueueUrl: url, Label, AWSAccountIds: ['000000000000'], Actions: ['ReceiveMessage'] });
      add('crossaccountpermission');
      await expectAwsError(
        () => add('crossaccountpermission'),
        invalidParameterValue('Value crossaccountpermission for parameter Label is invalid. Reason: Already exists.'),
      );
      add('crossaccountpermission2');
      ops.RemovePermission({ QueueUrl: url, Label: 'crossaccountpermission2' });
      await expectAwsError(
        () => ops.RemovePermission({ QueueUrl: url, Label: 'crossaccountpermission2' }),
        invalidParameterValue("Value crossaccountpermission2 for parameter Label is invalid. Reason: can't find label."),
      );
      const policy = JSON.parse(ops.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }).Attributes?.Policy ?? '{}');
      assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ['crossaccountpermission']);
    });

    it('rejects actions SQS cannot grant', async () => {
      const { ops, createQueue } = setup();
      const url = createQueue('perm');
      await expectAwsError(
        () => ops.AddPermission({ QueueUrl: url, Label: 'l', AWSAccountIds: ['000000000000'], Actions: ['CreateQueue'] }),
        invalidParameterValue(
          'Value SQS:CreateQueue for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions. ',
        ),
      );
    });
  });

  describe('ListDeadLetterSourceQueues', () => {
    it('lists the queues whose RedrivePolicy targets the queue', () => {
      const { ops, createQueue } = setup();
      const dlq = createQueue('dlq');
      const policy = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq', maxReceiveCount: 3 });
      const a = createQueue('a');
      ops.SetQueueAttributes({ QueueUrl: a, Attributes: { RedrivePolicy: policy } });
      const b = ops.CreateQueue({ QueueName: 'b', Attributes: { RedrivePolicy: policy } }).QueueUrl;
      createQueue('c');
      assert.deepEqual(ops.ListDeadLetterSourceQueues({ QueueUrl: dlq }).queueUrls, [a, b]);
      const page = ops.ListDeadLetterSourceQueues({ QueueUrl: dlq, MaxResults: 1 });
      assert.deepEqual(page.queueUrls, [a]);
      assert.deepEqual(ops.ListDeadLetterSourceQueues({ QueueUrl: dlq, MaxResults: 1, NextToken: page.NextToken }).queueUrls, [b]);
      assert.deepEqual(ops.ListDeadLetterSourceQueues({ QueueUrl: a }).queueUrls, []);
    });
  });
});
