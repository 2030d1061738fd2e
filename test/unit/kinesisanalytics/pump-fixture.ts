import type { Row } from '../../../src/broker/kinesisanalytics/input-record';
import { parseProgram } from '../../../src/broker/kinesisanalytics/sql/parser';

/** The SELECT of the first pump a program creates: what a window operator is built from. */
export function pumpSelect(code: string) {
  const pump = parseProgram(code).find((s) => s.kind === 'createPump');
  if (pump?.kind !== 'createPump') throw new Error('no pump');
  return pump.select;
}

/** The developer guide's stock ticker rows, `s` seconds after T0. */
export const T0 = Date.parse('2026-01-01T10:00:00Z');
export const tick = (s: number, ticker: string, price: number): Row => ({ ROWTIME: new Date(T0 + s * 1000), TICKER_SYMBOL: ticker, PRICE: price });
