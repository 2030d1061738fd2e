import type { FirehoseService } from '../firehose/service';
import type { KinesisService } from '../kinesis/service';
import type { S3Service } from '../s3/service';
import type { SnsService } from '../sns/service';
import type { SqsService } from '../sqs/service';
import type { SearchItem } from './types';

/** What the search reads of the engine: only reads, none of which changes a message (a `Broker` is one). */
export interface SearchPorts {
  sqs: Pick<SqsService, 'peek'>;
  sns: Pick<SnsService, 'listOutbox'>;
  kinesis: Pick<KinesisService, 'shardRecords'>;
  firehose: Pick<FirehoseService, 'listDeliveryStreamSummaries'>;
  s3: Pick<S3Service, 'operations' | 'buckets'>;
}

/** One target opened for reading: how many items it holds now, and the items in the order asked. */
export interface OpenedSource {
  total: number;
  items: Iterable<SearchItem> | AsyncIterable<SearchItem>;
}
