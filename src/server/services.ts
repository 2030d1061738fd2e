import type { ServiceBinding } from './binding';
import { eventbridgeBinding } from './eventbridge/binding';
import { firehoseBinding } from './firehose/binding';
import { kinesisBinding } from './kinesis/binding';
import { kinesisanalyticsBinding } from './kinesisanalytics/binding';
import { s3Binding } from './s3/binding';
import { snsBinding } from './sns/binding';
import { sqsBinding } from './sqs/binding';
import { stepfunctionsBinding } from './stepfunctions/binding';
import { stsBinding } from './sts/binding';

/**
 * Every AWS service the endpoint serves. Adding one is one entry here plus its binding file:
 *
 * 1. The engine exposes `operations` (AWS action name → handler taking the JSON-shaped input, returning the
 *    output or a Promise of it, throwing AwsError) and the Broker holds it, e.g. `broker.kinesis`; its api.ts says which actions add
 *    data (`kinesisAddsData`), listed in src/broker/service-actions.ts under the signing name.
 * 2. Write `src/server/<service>/binding.ts` exporting a ServiceBinding (see binding.ts), and list it below.
 *    `reset` forgets the service's resources for POST /_eventyard/reset (SQS deletes every queue).
 *    - JSON 1.0/1.1 and CBOR services (Kinesis, Firehose, EventBridge, Step Functions) are
 *      `jsonBinding(model, { name, operations, reset }, { cbor: true })` (model.ts): the X-Amz-Target prefix,
 *      JSON version and shapes come from the service's model. The generic codec (protocols/type-check.ts) reads every
 *      input against them: mistyped members are refused with SerializationException, null members dropped,
 *      blobs arrive as bytes and timestamps as Date in every protocol; `required: true` (EventBridge) refuses
 *      missing required members with AWS's front-end ValidationException before the engine runs. Outputs may contain Date (sent as
 *      epoch seconds in JSON, tag-1 epoch millis in CBOR) and Uint8Array (base64 / byte string).
 *    - Query/XML services (SNS) also need `query: { xmlNamespace }` and `shapes`: per operation the input
 *      and output structures, read by model.ts from AWS's own model of the service (src/server/models/
 *      <service>.json, written by scripts/generate-models.mjs from the SDK v3 client's Smithy schema), with
 *      wire names and flattening as AWS declares them. The generic codec in protocols/query.ts then decodes
 *      form posts and writes `<XResponse xmlns=...><XResult>` answers and `<ErrorResponse>` errors. sqs/ is
 *      the worked example.
 *
 * Routing (dispatch.ts): `X-Amz-Target: <prefix>.<Action>` selects a JSON/CBOR binding; a query request
 * (`Action=` in the form or URL) selects the binding whose `name` is the service in the SigV4 credential
 * scope, or else the one whose shapes know the Action.
 */
export const services: readonly ServiceBinding[] = [sqsBinding, snsBinding, kinesisBinding, firehoseBinding, eventbridgeBinding, stepfunctionsBinding, stsBinding, s3Binding, kinesisanalyticsBinding];
