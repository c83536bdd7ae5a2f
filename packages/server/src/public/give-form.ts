import { z } from 'zod';
import type { AppError } from '../errors/app-error.ts';
import { giveInput, type GiveInput } from '../modules/fundraising/index.ts';
import type { GivingTexts } from './giving-texts.ts';

/** What the giving form posts (application/x-www-form-urlencoded), every field as text. */
export const giveFormBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type GiveFormBody = z.infer<typeof giveFormBody>;

/** The form's fields as the page shows them again after a mistake. */
export interface GiveFormValues {
  submitToken: string;
  amount: string;
  otherAmount: string;
  frequency: string;
  name: string;
  phone: string;
  email: string;
  anonymous: boolean;
  dedicationKind: string;
  dedicationName: string;
  dedicationMessage: string;
  consentEmail: boolean;
  consentSms: boolean;
  provider: string;
}

/** Field of the form → its message, in the page's language. */
export type FormErrors = Partial<Record<keyof GiveFormValues | 'form', string>>;

const one = (body: GiveFormBody, name: string) => {
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
};

export function formValues(body: GiveFormBody): GiveFormValues {
  return {
    submitToken: one(body, 'submitToken'),
    amount: one(body, 'amount'),
    otherAmount: one(body, 'otherAmount'),
    frequency: one(body, 'frequency') || 'once',
    name: one(body, 'name'),
    phone: one(body, 'phone'),
    email: one(body, 'email'),
    anonymous: one(body, 'anonymous') === 'on',
    dedicationKind: one(body, 'dedicationKind') || 'none',
    dedicationName: one(body, 'dedicationName'),
    dedicationMessage: one(body, 'dedicationMessage'),
    consentEmail: one(body, 'consentEmail') === 'on',
    consentSms: one(body, 'consentSms') === 'on',
    provider: one(body, 'provider'),
  };
}

/**
 * The form as the giving service's input: a preset is minor units, "other" is yuan as typed. Answers
 * the errors instead when the form itself is incomplete.
 */
export function toGiveInput(v: GiveFormValues, t: GivingTexts): { input: GiveInput } | { errors: FormErrors } {
  const amount =
    v.amount && v.amount !== 'other' ? (/^\d{1,12}$/.test(v.amount) ? Number(v.amount) : -1) : v.otherAmount;
  const dedicated = v.dedicationKind === 'honour' || v.dedicationKind === 'memory';
  const parsed = giveInput.safeParse({
    submitToken: v.submitToken,
    amount: amount === '' ? -1 : amount,
    frequency: v.frequency,
    provider: v.provider,
    name: v.name,
    phone: v.phone || undefined,
    email: v.email || undefined,
    anonymous: v.anonymous,
    dedication: dedicated
      ? { kind: v.dedicationKind, name: v.dedicationName, message: v.dedicationMessage || null }
      : null,
    consents: [...(v.consentEmail ? ['email'] : []), ...(v.consentSms ? ['sms'] : [])],
  });
  if (parsed.success) return { input: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    if (field === 'submitToken') errors.form = t.errors.token;
    else if (field === 'name') errors.name = t.errors.name;
    else if (field === 'provider') errors.provider = t.errors.provider;
    else if (field.startsWith('dedication')) errors.dedicationName = t.errors.dedicationName;
    else if (field === 'frequency') errors.frequency = t.errors.frequency;
    else errors.amount = t.errors.amount;
  }
  return { errors };
}

/** A refusal of the giving service, said next to the field it is about. */
export function errorsOf(
  error: AppError,
  t: GivingTexts,
  money: (fen: number) => string,
  limits: { min: number; max: number },
): FormErrors {
  const field = error.fields[0]?.path.replace(/^body\./, '') ?? '';
  const message = error.fields[0]?.message ?? '';
  switch (error.code) {
    case 'CAMPAIGN_NOT_OPEN':
      return { form: t.errors.notOpen };
    case 'ORDER_EXPIRED':
      return { form: t.errors.expired };
    case 'PAYMENT_UNAVAILABLE':
      return { form: t.errors.unavailable };
    default:
      break;
  }
  if (field === 'amount') {
    if (message.startsWith('at least')) return { amount: t.errors.amountMin(money(limits.min)) };
    if (message.startsWith('at most')) return { amount: t.errors.amountMax(money(limits.max)) };
    return { amount: t.errors.amount };
  }
  if (field === 'phone') return { phone: message.startsWith('a mobile number or') ? t.errors.contact : t.errors.phone };
  if (field === 'email') return { email: t.errors.email };
  if (field === 'name') return { name: t.errors.name };
  if (field === 'frequency') return { frequency: t.errors.frequency };
  if (field === 'provider')
    return { provider: message.includes('monthly') ? t.errors.monthlyProvider : t.errors.provider };
  return { form: t.errors.unavailable };
}
