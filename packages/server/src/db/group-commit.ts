/** What a group commit does with a batch, and with an item the batch left alone. */
export interface GroupCommitWork<In, Out> {
  /** The most items one batch takes. */
  max: number;
  /** Writes a batch: an outcome per item, in order, or undefined for an item to go through `alone`. */
  batch(items: In[]): Promise<(Out | undefined)[]>;
  /** Writes one item on its own: after a batch that failed, and for the items a batch left alone. */
  alone(item: In): Promise<Out>;
  /** Told when a whole batch failed, before its items go one by one. */
  failed?(error: unknown, items: In[]): void;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (outcome: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: while one batch is written, the items that arrive wait and go together in the next,
 * so a busy moment costs one statement (or transaction) per batch rather than per item. A lone item
 * goes at once. Each caller is answered with its own item's outcome; an item the batch could not take,
 * or a batch that failed, never fails the others: they go one by one.
 */
export class GroupCommit<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private draining = false;

  constructor(private readonly work: GroupCommitWork<In, Out>) {}

  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  // One batch at a time: the next takes everything that arrived meanwhile.
  private async drain() {
    this.draining = true;
    try {
      while (this.waiting.length > 0) await this.run(this.waiting.splice(0, this.work.max));
    } finally {
      this.draining = false;
    }
  }

  private async run(batch: Waiting<In, Out>[]) {
    const items = batch.map((w) => w.item);
    let outcomes: (Out | undefined)[] = [];
    try {
      outcomes = await this.work.batch(items);
    } catch (error) {
      this.work.failed?.(error, items);
    }
    for (const [i, waiting] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome !== undefined) waiting.resolve(outcome);
      else this.work.alone(waiting.item).then(waiting.resolve, waiting.reject);
    }
  }
}
