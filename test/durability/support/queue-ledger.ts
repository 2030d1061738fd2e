import type { Problems } from './problems';

/** One message as the admin peek shows it (`GET /_eventyard/sqs/queues/<name>/messages`): changes nothing. */
export interface PeekedMessage {
  messageId: string;
  body: string;
  state: 'visible' | 'inFlight' | 'delayed';
  receiveCount: number;
  messageGroupId?: string;
}

export interface QueueCounts {
  visible: number;
  notVisible: number;
  delayed: number;
}

/** Bodies are `{"id": ..., "pad": ...}`; the id names the message across sends, retries and restarts. */
export const bodyOf = (id: string, pad: string) => JSON.stringify({ id, pad });
export const idOf = (body: string | undefined): string => {
  try {
    const id = (JSON.parse(body ?? '') as { id?: unknown }).id;
    return typeof id === 'string' ? id : `<no id: ${body?.slice(0, 60)}>`;
  } catch {
    return `<not JSON: ${body?.slice(0, 60)}>`;
  }
};

/** FIFO message ids are `<group>#<n>`: the producer of a group sends n = 0, 1, 2, ... in turn. */
export const fifoId = (group: string, n: number) => `${group}#${n}`;
const fifoPosition = (id: string) => {
  const i = id.lastIndexOf('#');
  return { group: id.slice(0, i), n: Number(id.slice(i + 1)) };
};

/**
 * What the clients of one queue know for certain about its messages, from the answers they got: sends
 * and deletes acknowledged, and those whose answer never came (the server died mid-request). After a
 * restart, `reconcile` holds the queue's real content against it; everything else checks each delivery.
 */
export class QueueLedger {
  /** Acknowledged sends not (acknowledged) deleted: each must still be in the queue. */
  readonly live = new Set<string>();
  /** Sends whose answer never came: the message may exist or not. */
  readonly maybeSent = new Set<string>();
  /** Sends on their way: a consumer may receive the message before its producer hears back. */
  readonly sending = new Set<string>();
  /** Deletes whose answer never came, or came after the visibility timeout could have passed. */
  readonly maybeDeleted = new Set<string>();
  /** Deletes on their way: the server may have let the next message of the group go before we hear back. */
  readonly deleting = new Set<string>();
  readonly deleted = new Set<string>();
  readonly lost = new Set<string>();
  private readonly receivesSeen = new Map<string, number>();
  private readonly messageIds = new Map<string, string>();
  /** FIFO: the lowest position per group that may still be undeleted. */
  private readonly groupFloor = new Map<string, number>();
  sends = 0;
  receives = 0;
  deletes = 0;
  uncertainSendsFound = 0;
  uncertainSendsAbsent = 0;

  constructor(readonly name: string, readonly fifo: boolean, private readonly problems: Problems) {}

  sendStarted(id: string): void {
    this.sending.add(id);
  }

  sendAcknowledged(id: string, messageId: string | undefined): void {
    this.sending.delete(id);
    this.maybeSent.delete(id);
    this.sends++;
    const known = this.messageIds.get(id);
    if (this.fifo && known !== undefined && messageId !== known) {
      this.problems.add('duplicate FIFO send', `${this.name}: ${id} resent with its dedup id got MessageId ${messageId}, first ${known}`);
    }
    if (messageId) this.messageIds.set(id, messageId);
    if (!this.deleted.has(id)) this.live.add(id);
  }

  sendFailed(id: string): void {
    this.sending.delete(id);
    if (!this.live.has(id) && !this.deleted.has(id)) this.maybeSent.add(id);
  }

  /** Checks one delivery; `batch` holds the ids received before it in the same ReceiveMessage answer. */
  received(id: string, messageId: string | undefined, batch: Set<string>): void {
    this.receives++;
    this.receivesSeen.set(id, (this.receivesSeen.get(id) ?? 0) + 1);
    if (this.deleted.has(id)) {
      this.problems.add('delivered after delete', `${this.name}: ${id} (${messageId}) was received after its delete was acknowledged`);
    } else if (!this.live.has(id) && !this.maybeSent.has(id) && !this.sending.has(id) && !this.lost.has(id)) {
      this.problems.add('unknown message', `${this.name}: received ${id}, which no producer sent`);
    }
    if (this.fifo) {
      const known = this.messageIds.get(id);
      if (known && messageId && known !== messageId) {
        this.problems.add('duplicate FIFO send', `${this.name}: ${id} delivered as ${messageId}, sent as ${known}`);
      }
      this.checkGroupOrder(id, batch);
    }
  }

  /** A FIFO group hands out message n only once every earlier one is deleted (or earlier in this answer). */
  private checkGroupOrder(id: string, batch: Set<string>): void {
    const { group, n } = fifoPosition(id);
    let floor = this.groupFloor.get(group) ?? 0;
    while (this.isGone(fifoId(group, floor))) floor++;
    this.groupFloor.set(group, floor);
    for (let j = floor; j < n; j++) {
      const earlier = fifoId(group, j);
      if (!this.isGone(earlier) && !batch.has(earlier) && !this.maybeDeleted.has(earlier) && !this.deleting.has(earlier)) {
        this.problems.add('FIFO order', `${this.name}: ${id} delivered while ${earlier} of its group was not deleted (${this.whereIs(earlier)})`);
        return;
      }
    }
  }

  /** Where the ledger has a message, for problem reports. */
  private whereIs(id: string): string {
    const sets = { live: this.live, maybeSent: this.maybeSent, sending: this.sending, deleting: this.deleting, maybeDeleted: this.maybeDeleted, deleted: this.deleted, lost: this.lost };
    const found = Object.entries(sets).filter(([, set]) => set.has(id)).map(([name]) => name);
    return `${found.join('+') || 'never sent'}, received ${this.receivesSeen.get(id) ?? 0} times`;
  }

  private isGone(id: string): boolean {
    return this.deleted.has(id) || this.lost.has(id);
  }

  deleteStarted(id: string): void {
    this.deleting.add(id);
  }

  /** The server refused the delete (a FIFO handle whose visibility timeout passed): the message stays. */
  deleteRefused(id: string): void {
    this.deleting.delete(id);
  }

  deleteAcknowledged(id: string): void {
    this.deleting.delete(id);
    this.deletes++;
    this.live.delete(id);
    this.maybeDeleted.delete(id);
    this.deleted.add(id);
  }

  deleteUncertain(id: string): void {
    this.deleting.delete(id);
    if (!this.deleted.has(id)) this.maybeDeleted.add(id);
  }

  /**
   * Holds the queue's content, read after a restart with no client running, against the ledger: every
   * acknowledged send not acknowledged deleted must be there once, nothing acknowledged deleted may be,
   * receive counts never go back, and the queue's own counts agree. Settles the uncertain sends and deletes.
   */
  reconcile(peeked: PeekedMessage[], before: QueueCounts, after: QueueCounts = before): void {
    const present = new Map<string, PeekedMessage[]>();
    for (const m of peeked) {
      const id = idOf(m.body);
      present.set(id, [...(present.get(id) ?? []), m]);
    }
    for (const [id, copies] of present) {
      if (copies.length > 1) {
        this.problems.add('duplicate', `${this.name}: ${id} is in the queue ${copies.length} times (${copies.map((c) => c.messageId).join(', ')})`);
      }
      const m = copies[0];
      if (this.deleted.has(id)) {
        this.problems.add('came back after delete', `${this.name}: ${id} (${m.messageId}, ${m.state}) is back after its delete was acknowledged`);
        this.deleted.delete(id);
        this.live.add(id);
      } else if (this.maybeSent.has(id)) {
        this.uncertainSendsFound++;
        this.maybeSent.delete(id);
        this.live.add(id);
      } else if (!this.live.has(id)) {
        this.problems.add('unknown message', `${this.name}: ${id} is in the queue but no producer sent it`);
        this.live.add(id);
      }
      const known = this.messageIds.get(id);
      if (this.fifo && known && known !== m.messageId) {
        this.problems.add('duplicate FIFO send', `${this.name}: ${id} stored as ${m.messageId}, acknowledged as ${known}`);
      }
      this.messageIds.set(id, m.messageId);
      const seen = this.receivesSeen.get(id) ?? 0;
      if (m.receiveCount < seen) {
        this.problems.add('receive count went back', `${this.name}: ${id} has ApproximateReceiveCount ${m.receiveCount}, clients received it ${seen} times`);
      }
    }
    for (const id of this.live) {
      if (present.has(id)) continue;
      this.live.delete(id);
      if (this.maybeDeleted.has(id)) {
        this.deleted.add(id);
      } else {
        this.lost.add(id);
        this.problems.add('lost', `${this.name}: ${id} (MessageId ${this.messageIds.get(id)}) was acknowledged and never deleted, but is gone`);
      }
    }
    this.uncertainSendsAbsent += this.maybeSent.size;
    this.maybeSent.clear();
    this.maybeDeleted.clear();
    // Counts read just before and just after the peek: with no client running, only visibility timeouts
    // ending can move messages from in flight to visible in between.
    const inFlight = peeked.filter((m) => m.state === 'inFlight').length;
    for (const counts of [before, after]) {
      const total = counts.visible + counts.notVisible + counts.delayed;
      if (total !== peeked.length || total !== this.live.size || inFlight > before.notVisible || inFlight < after.notVisible) {
        this.problems.add(
          'counts disagree',
          `${this.name}: attributes say ${counts.visible} visible + ${counts.notVisible} not visible + ${counts.delayed} delayed ` +
            `(${before.notVisible} not visible just before), the queue holds ${peeked.length} (${inFlight} in flight), ` +
            `the clients account for ${this.live.size}`,
        );
        return;
      }
    }
  }
}
