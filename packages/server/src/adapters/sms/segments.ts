/** Characters in one message that fits a single SMS, and in each part of a longer one. */
export const SINGLE_SMS_CHARACTERS = 70;
export const LONG_SMS_PART_CHARACTERS = 67;

export interface SegmentCount {
  /** Code points, the signature 【…】 included. */
  characters: number;
  /** How many messages the carrier bills. */
  segments: number;
}

/**
 * Counts as carriers bill: the signature in 【】 plus the text, every character as one (a Han
 * character, a Latin letter, a digit, a space or a punctuation mark alike). Every message is
 * treated as UCS-2, pure ASCII included: Aliyun publishes only the 70/67 rule, and we are not sure
 * enough of GSM-7's 160/153 on mainland carriers to use it. Code points are counted, so an emoji
 * is one character (UCS-2 needs two units for it, so such a message may bill one part more).
 */
export function countSegments(signName: string, text: string): SegmentCount {
  const characters = [...`【${signName}】${text}`].length;
  const segments = characters <= SINGLE_SMS_CHARACTERS ? 1 : Math.ceil(characters / LONG_SMS_PART_CHARACTERS);
  return { characters, segments };
}
