/** Money put into a fund: a gift's share of an allocation, or a transfer received. */
export interface MoneyIn {
  key: string;
  at: Date;
  amount: number;
}

/** Money spent from a fund: an expense, or a transfer sent. */
export interface MoneyOut {
  key: string;
  at: Date;
  amount: number;
}

export interface FifoMatch {
  in: string;
  out: string;
  amount: number;
}

/** Sorts by time and keeps the given order among equal times. */
const byTime = <T extends { at: Date }>(items: T[]) =>
  items.map((item, i) => ({ item, i })).sort((a, b) => a.item.at.getTime() - b.item.at.getTime() || a.i - b.i);

/**
 * First in, first out: each spend is paid from the oldest money in the fund that is not yet spent,
 * splitting across as many pieces of money as it takes. The result says which money paid for which
 * spend, what is left unspent, and any spend the money in the fund did not cover.
 */
export function matchFifo(ins: MoneyIn[], outs: MoneyOut[]) {
  const queue = byTime(ins).map(({ item }) => ({ key: item.key, left: item.amount }));
  const matches: FifoMatch[] = [];
  const uncovered: { key: string; amount: number }[] = [];
  let head = 0;
  for (const { item: out } of byTime(outs)) {
    let due = out.amount;
    while (due > 0 && head < queue.length) {
      const money = queue[head]!;
      const take = Math.min(money.left, due);
      if (take > 0) matches.push({ in: money.key, out: out.key, amount: take });
      money.left -= take;
      due -= take;
      if (money.left === 0) head++;
    }
    if (due > 0) uncovered.push({ key: out.key, amount: due });
  }
  const unspent = queue
    .slice(head)
    .filter((m) => m.left > 0)
    .map((m) => ({ key: m.key, amount: m.left }));
  return { matches, unspent, uncovered };
}
