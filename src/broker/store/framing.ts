import { crc32 } from './crc32';
import { StoreError } from './store-error';

/**
 * One record on disk: 4 bytes payload length, 4 bytes CRC-32 of the payload (both big-endian), then the
 * payload (UTF-8 JSON). A crash mid-write leaves a record whose length runs past the end of the file or
 * whose checksum fails: that torn tail is detected and dropped on the next start.
 */
const HEADER = 8;
/** Larger than any state entry we write (a 1 MiB Kinesis record, base64, plus its fields). */
const MAX_PAYLOAD = 64 * 1024 * 1024;

export function encodeFrame(value: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32(payload), 4);
  payload.copy(frame, HEADER);
  return frame;
}

export interface DecodedFrames {
  values: unknown[];
  /** Bytes of whole, valid records from the start; what a torn tail is cut back to. */
  validLength: number;
  /** Bytes dropped at the end (a write cut short by a crash). */
  tornBytes: number;
}

/**
 * Reads every record of a file. A bad record at the very end is a torn tail and is dropped; a bad record
 * followed by more data means the file was damaged after it was written, and that is refused.
 */
export function decodeFrames(bytes: Buffer, file: string): DecodedFrames {
  const values: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const remaining = bytes.length - at;
    if (remaining < HEADER) break;
    const length = bytes.readUInt32BE(at);
    const end = at + HEADER + length;
    if (length > MAX_PAYLOAD) {
      if (end >= bytes.length) break;
      throw new StoreError(`${file} is damaged at byte ${at} (record length ${length}).`);
    }
    if (end > bytes.length) break;
    if (crc32(bytes, at + HEADER, end) !== bytes.readUInt32BE(at + 4)) {
      if (end === bytes.length) break;
      throw new StoreError(`${file} is damaged at byte ${at} (checksum mismatch).`);
    }
    try {
      values.push(JSON.parse(bytes.toString('utf8', at + HEADER, end)));
    } catch {
      throw new StoreError(`${file} is damaged at byte ${at} (unreadable record).`);
    }
    at = end;
  }
  return { values, validLength: at, tornBytes: bytes.length - at };
}
