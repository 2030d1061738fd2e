import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Broker, type BrokerOptions } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import type { PersistenceOptions } from '../../../src/broker/store/broker-store';

/**
 * A data folder in a temp dir and a fake clock shared by every broker opened on it, so a test can stop
 * the broker, let time pass while it is down, and start a new one on the same folder.
 */
export class Restartable {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-store-'));
  readonly clock = new FakeClock();
  broker: Broker;

  constructor(
    private readonly options: Partial<PersistenceOptions> = {},
    private readonly brokerOptions: BrokerOptions = {},
  ) {
    this.broker = this.open();
  }

  open(): Broker {
    return new Broker({ ...this.brokerOptions, clock: this.clock, persistence: { dataDir: this.dir, ...this.options } });
  }

  /** Waits until everything done so far is on disk, as the wire server does before it answers. */
  async durable(): Promise<void> {
    await this.broker.store?.durable();
  }

  /** Stops the broker cleanly, lets `downMs` pass, and starts a new broker on the same folder. */
  async restart(downMs = 0): Promise<Broker> {
    await this.durable();
    await this.broker.close();
    this.clock.advance(downMs);
    this.broker = this.open();
    // Deadlines that passed while the broker was down run on the next tick of its scheduler.
    this.clock.advance(0);
    return this.broker;
  }

  async cleanup(): Promise<void> {
    await this.broker.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  files(): string[] {
    return fs.readdirSync(this.dir).sort();
  }
}

export const SECOND = 1000;
