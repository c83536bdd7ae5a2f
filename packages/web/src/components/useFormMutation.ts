import { App, type FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { applyFieldErrors, errorMessage } from './errors';

/**
 * A form's save: on success `onSaved` runs; on failure the server's field problems go next to their
 * fields and its message shows at the top.
 */
export function useFormMutation<V, R>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormInstance<any>,
  mutationFn: (values: V) => Promise<R>,
  onSaved: (result: R) => void,
) {
  const { message } = App.useApp();
  return useMutation({
    mutationFn,
    onSuccess: onSaved,
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
}
