import type { Translate } from '../i18n';
import { yuanToFen } from '../lib/money';

/** A form rule: a positive amount in yuan with at most two decimals. */
export const amountRule = (t: Translate) => ({
  validator: (_: unknown, value: string | undefined) =>
    !value || (yuanToFen(value) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('flows.amountInvalid'))),
});
