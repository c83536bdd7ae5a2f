import { App, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { useFormMutation } from '../../components/useFormMutation';
import type { PaymentSettingsChange, PaymentSettingsShown } from './types';

export const settingsKey = (slug: string) => ['payment-settings', slug];

/** Saves one part of the settings; the server's field problems land on the card's own form. */
export function useSaveSettings(form: FormInstance) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useFormMutation<PaymentSettingsChange, PaymentSettingsShown>(
    form,
    (change) => api.put<PaymentSettingsShown>(scope.path('/payment-settings'), change),
    (saved) => {
      queryClient.setQueryData(settingsKey(scope.org.slug), saved);
      message.success(t('common.saved'));
    },
  );
}
