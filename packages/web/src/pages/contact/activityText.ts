import { labelOr, type MessageKey, type Translate } from '../../i18n/translate';
import { formatMoney } from '../../lib/money';
import { hoursText } from '../../lib/volunteering';

/** What the timeline needs of an activity: the server's stored summary is the fallback. */
export interface ActivityLine {
  type: string;
  summary: string;
  data: Record<string, unknown>;
}

type Data = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const texts = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

// Contact columns are named by the import field labels; custom fields by their key.
function fieldLabel(t: Translate, field: string) {
  if (field.startsWith('custom.')) return field.slice(7);
  const column = field.replace(/Code$/, '');
  return labelOr(t, 'import.field.', column);
}

const giftFields: Record<string, MessageKey> = {
  amount: 'gifts.amount',
  receivedAt: 'gifts.date',
  kind: 'gifts.kind',
  channel: 'gifts.channel',
  campaign: 'gifts.campaign',
  fund: 'gifts.fund',
  paymentReference: 'gifts.reference',
  inKindDescription: 'gifts.inKindDescription',
};
const giftFieldLabel = (t: Translate, field: string) => {
  const key = giftFields[field];
  return key ? t(key) : field;
};

const list = (t: Translate, names: string[]) => names.join(t('timeline.listSeparator'));

function money(data: Data) {
  const amount = count(data.amount);
  const currency = text(data.currency);
  return amount === undefined || !currency ? undefined : formatMoney(amount, currency);
}

function gift(t: Translate, data: Data) {
  const amount = money(data);
  if (!amount) return undefined;
  const channel = text(data.channel);
  const line = t(data.kind === 'in_kind' ? 'timeline.giftInKind' : 'timeline.gift', { amount });
  return channel ? line + t('timeline.viaChannel', { channel: labelOr(t, 'gifts.channel.', channel) }) : line;
}

function consent(t: Translate, data: Data) {
  const channel = text(data.channel);
  const purpose = text(data.purpose);
  if (!channel || !purpose || (data.status !== 'granted' && data.status !== 'withdrawn')) return undefined;
  return t(data.status === 'granted' ? 'timeline.consentGranted' : 'timeline.consentWithdrawn', {
    channel: labelOr(t, 'consent.channel.', channel),
    purpose: labelOr(t, 'consent.purpose.', purpose),
  });
}

function relationshipAdded(t: Translate, data: Data) {
  const type = text(data.type);
  const id = count(data.contactId);
  if (!type || id === undefined) return undefined;
  return t('timeline.relationshipAdded', { type: labelOr(t, 'relationships.type.', type), id });
}

function relationshipRemoved(t: Translate, data: Data) {
  if (data.otherErased === true) return t('timeline.relationshipRemovedErased');
  const type = text(data.type);
  return type ? t('timeline.relationshipRemoved', { type: labelOr(t, 'relationships.type.', type) }) : undefined;
}

function updated(t: Translate, data: Data) {
  const fields = texts(data.fields);
  if (!fields || fields.length === 0) return undefined;
  const label = text(data.label);
  if (data.customFieldDeleted === true && label) return t('timeline.customFieldDeleted', { label });
  return t('timeline.updated', {
    fields: list(
      t,
      fields.map((f) => fieldLabel(t, f)),
    ),
  });
}

function giftUpdated(t: Translate, data: Data) {
  const fields = texts(data.fields);
  if (!fields || fields.length === 0) return undefined;
  return t('timeline.giftUpdated', {
    fields: list(
      t,
      fields.map((f) => giftFieldLabel(t, f)),
    ),
  });
}

function giftDeleted(t: Translate, data: Data) {
  const amount = money(data);
  return amount ? t('timeline.giftDeleted', { amount }) : undefined;
}

function tag(key: 'timeline.tagAdded' | 'timeline.tagRemoved') {
  return (t: Translate, data: Data) => {
    const name = text(data.tag);
    return name ? t(key, { tag: name }) : undefined;
  };
}

function imported(t: Translate, data: Data) {
  const file = text(data.fileName);
  if (!file || typeof data.created !== 'boolean') return undefined;
  return t(data.created ? 'timeline.importCreated' : 'timeline.importUpdated', { file });
}

function merged(t: Translate, data: Data) {
  const id = count(data.mergedId);
  if (id === undefined) return undefined;
  const name = text(data.mergedName);
  return name ? t('timeline.mergedNamed', { id, name }) : t('timeline.merged', { id });
}

function mergeUndone(t: Translate, data: Data) {
  const id = count(data.mergedId);
  return id === undefined ? undefined : t('timeline.mergeUndone', { id });
}

function pledge(t: Translate, data: Data) {
  const amount = money(data);
  if (!amount) return undefined;
  if (data.action === 'cancel') return t('timeline.pledgeCancelled', { amount });
  const dueOn = text(data.dueOn);
  return dueOn ? t('timeline.pledgeCreated', { amount, dueOn }) : undefined;
}

function monthlyLine(t: Translate, data: Data) {
  const amount = money(data);
  switch (data.action) {
    case 'start':
      return amount && t('timeline.monthlyStarted', { amount });
    case 'change-amount':
      return amount && t('timeline.monthlyAmount', { amount });
    case 'pause': {
      const months = count(data.months);
      return months ? t('timeline.monthlyPaused', { months }) : t('timeline.monthlyPausedOpen');
    }
    case 'resume':
      return t('timeline.monthlyResumed');
    case 'cancel':
      return t('timeline.monthlyCancelled');
    default:
      return undefined;
  }
}

function monthlyGift(t: Translate, data: Data) {
  const line = monthlyLine(t, data);
  if (!line) return undefined;
  if (data.by === 'provider') return line + t('timeline.byProvider');
  return line + (data.by === 'donor' ? t('timeline.byDonor') : '');
}

const volunteerSentences: Record<string, MessageKey> = {
  signed_up: 'timeline.volunteerSignedUp',
  waitlisted: 'timeline.volunteerWaitlisted',
  promoted: 'timeline.volunteerPromoted',
  cancelled: 'timeline.volunteerCancelled',
  checked_in: 'timeline.volunteerCheckedIn',
  hours: 'timeline.volunteerHours',
  no_show: 'timeline.volunteerNoShow',
};

function volunteer(t: Translate, data: Data) {
  const title = text(data.opportunityTitle);
  const action = text(data.action);
  const key = action && Object.hasOwn(volunteerSentences, action) ? volunteerSentences[action] : undefined;
  if (!title || !key) return undefined;
  return t(key, { title, hours: hoursText(t, count(data.minutes) ?? 0) });
}

/**
 * Each known type: the full sentence from its data, or undefined when the data lacks it (older rows,
 * and rows of an erased contact, whose data is emptied); then the type's plain name is shown.
 */
const sentences: Record<string, { generic: MessageKey; from?: (t: Translate, data: Data) => string | undefined }> = {
  created: { generic: 'timeline.created' },
  updated: { generic: 'timeline.type.updated', from: updated },
  tag_added: { generic: 'timeline.type.tag_added', from: tag('timeline.tagAdded') },
  tag_removed: { generic: 'timeline.type.tag_removed', from: tag('timeline.tagRemoved') },
  note: { generic: 'timeline.note' },
  relationship_added: { generic: 'timeline.type.relationship_added', from: relationshipAdded },
  relationship_removed: { generic: 'timeline.type.relationship_removed', from: relationshipRemoved },
  erased: { generic: 'timeline.erased' },
  gift: { generic: 'timeline.type.gift', from: gift },
  gift_updated: { generic: 'timeline.type.gift_updated', from: giftUpdated },
  gift_deleted: { generic: 'timeline.type.gift_deleted', from: giftDeleted },
  consent: { generic: 'timeline.type.consent', from: consent },
  import: { generic: 'timeline.type.import', from: imported },
  'contact.merged': { generic: 'timeline.type.contact.merged', from: merged },
  'contact.merge_undone': { generic: 'timeline.type.contact.merge_undone', from: mergeUndone },
  pledge: { generic: 'timeline.type.pledge', from: pledge },
  monthly_gift: { generic: 'timeline.type.monthly_gift', from: monthlyGift },
  volunteer: { generic: 'timeline.type.volunteer', from: volunteer },
};

/** One timeline line in the console's language; unknown types show the summary the server stored. */
export function activityText(t: Translate, activity: ActivityLine): string {
  const sentence = Object.hasOwn(sentences, activity.type) ? sentences[activity.type] : undefined;
  if (!sentence) return activity.summary;
  return sentence.from?.(t, activity.data ?? {}) ?? t(sentence.generic);
}

/** Timeline types the console words itself (the rest show the stored summary). */
export const knownActivityTypes = Object.keys(sentences);
