import jsonata from 'jsonata';
import { decodeRecording, encodeLine, type RecordedRequest } from './recording';

/** Turns one recorded request into the one to send, or undefined to leave it out. */
export type Transform = (request: RecordedRequest) => Promise<RecordedRequest | undefined>;

/**
 * A JSONata expression as a replay's transform. It is evaluated on each request as the recording holds it
 * (`t`, `service`, `action`, `resource`, `input`; bytes as `{"$base64": ...}`) and answers the request to
 * send: the same shape, changed (`$merge([$, {"resource": "orders-copy"}])`), or nothing to leave it out
 * (`resource = "orders" ? $`). Throws at once, naming the position, when the expression does not parse.
 */
export function compileTransform(expression: string): Transform {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression);
  } catch (e) {
    const { message, position } = e as { message?: string; position?: number };
    throw new Error(`The transform is not a JSONata expression${position !== undefined ? ` (at character ${position})` : ''}: ${message ?? String(e)}`);
  }
  return async (request) => {
    const plain: unknown = JSON.parse(encodeLine(request));
    let out: unknown;
    try {
      out = await compiled.evaluate(plain);
    } catch (e) {
      throw new Error(`The transform failed on the request at ${request.t} ms: ${(e as Error).message}`);
    }
    if (out === undefined || out === null || out === false) return undefined;
    try {
      return decodeRecording(JSON.stringify(out))[0];
    } catch {
      throw new Error(`The transform's answer for the request at ${request.t} ms is not a request (t, service, action, resource and input).`);
    }
  };
}
