/** A request and a response as the protocol codecs see them: already read, independent of HTTP/1.1 or HTTP/2. */
export interface WireRequest {
  method: string;
  /** The URL path, percent-decoded. */
  path: string;
  /** The URL path as sent (S3 signatures cover it undecoded). */
  rawPath?: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Scheme, host and port the client used (`http://127.0.0.1:4566`); queue URLs are built on it. */
  endpoint: string;
  requestId: string;
  /** Aborted when the client goes away before its answer is sent (socket closed, HTTP/2 stream reset). */
  signal?: AbortSignal;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /**
   * When present, sent instead of `body`, chunk by chunk as it is produced and without content-length
   * (AWS event streams such as Kinesis SubscribeToShard); the response ends when it ends, and it is
   * returned early (iterator.return) when the client goes away.
   */
  stream?: AsyncIterable<Uint8Array>;
}
