/**
 * SMS_RATE for this process: each message takes the next free slot, one every 1/rate seconds, whichever
 * organization or send it belongs to (vendors limit per account, and one server rarely serves many).
 */
let nextSlot = 0;

export async function pace(ratePerSecond: number): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextSlot);
  nextSlot = at + 1000 / ratePerSecond;
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}
