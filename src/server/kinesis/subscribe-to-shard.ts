import type { SubscribeToShardOutput } from '../../broker/kinesis/api';
import { CBOR_CONTENT_TYPE, encodeCborResult } from '../protocols/cbor';
import { encodeJsonResult } from '../protocols/json';
import type { WireRequest, WireResponse } from '../wire';
import { EVENT_STREAM_CONTENT_TYPE, eventMessage } from './event-stream';

const JSON_TARGET = { prefix: 'Kinesis_20131202', jsonVersion: '1.1' as const };

/**
 * SubscribeToShard's answer: an event stream that opens with `initial-response` (the SDKs wait for it)
 * and then carries each SubscribeToShardEvent the engine pushes, encoded like any other output of the
 * request's protocol (JSON 1.1 or CBOR).
 */
export function subscribeToShardResponse(output: SubscribeToShardOutput, request: WireRequest, cbor: boolean): WireResponse {
  const contentType = cbor ? CBOR_CONTENT_TYPE : 'application/json';
  const encode = (value: object) => {
    const body = cbor ? encodeCborResult(value, request.requestId).body : encodeJsonResult(value, JSON_TARGET, request.requestId).body;
    return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  };
  const events = output.EventStream;
  async function* frames(): AsyncGenerator<Uint8Array> {
    yield eventMessage('initial-response', contentType, encode({}));
    for await (const event of events) yield eventMessage('SubscribeToShardEvent', contentType, encode(event.SubscribeToShardEvent));
  }
  return {
    status: 200,
    headers: { 'content-type': EVENT_STREAM_CONTENT_TYPE, 'x-amzn-requestid': request.requestId },
    body: '',
    stream: frames(),
  };
}
