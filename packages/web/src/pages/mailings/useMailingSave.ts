import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { mailingKey, type Mailing } from '../../api/mailings';
import { useOrg } from '../../lib/org';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { mailingBody, valuesOf, type MailingValues } from './mailingValues';

/**
 * saved: nothing to save; dirty: changes wait for typing to pause; incomplete: a field is not yet valid;
 * invalid: the server found a template problem (the preview shows it).
 */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'incomplete' | 'invalid' | 'failed';

const AUTOSAVE_MS = 1_500;

/**
 * Saving the mailing on screen: by the 保存 button, before a test or a send, and by itself a moment after
 * typing pauses while `autosave` holds. Saves run one after another, so an older body never lands last.
 */
export function useMailingSave(form: FormInstance<MailingValues>, mailing: Mailing, autosave: boolean) {
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [state, setState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const lastSaved = useRef(JSON.stringify(mailingBody(valuesOf(mailing))));
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const save = useCallback(
    (showErrors: boolean): Promise<boolean> => {
      const run = async () => {
        try {
          await form.validateFields(showErrors ? undefined : { validateOnly: true });
        } catch {
          setState('incomplete');
          return false;
        }
        const body = mailingBody(form.getFieldsValue(true) as MailingValues);
        const json = JSON.stringify(body);
        if (json === lastSaved.current) {
          setState('saved');
          return true;
        }
        setState('saving');
        try {
          const saved = await api.patch<Mailing>(scope.path(`/mailings/${mailing.id}`), body);
          lastSaved.current = json;
          queryClient.setQueryData(mailingKey(scope.org.slug, saved.id), saved);
          void queryClient.invalidateQueries({ queryKey: ['mailings', scope.org.slug] });
          setSavedAt(new Date());
          const now = JSON.stringify(mailingBody(form.getFieldsValue(true) as MailingValues));
          setState(now === json ? 'saved' : 'dirty');
          return true;
        } catch (error) {
          // A template problem while typing is already shown beside the preview; no message for each pause.
          if (!showErrors && error instanceof ApiError && error.code === 'TEMPLATE_INVALID') {
            setState('invalid');
            return false;
          }
          setState('failed');
          // Someone else sent or cancelled it meanwhile: show the page as it now is.
          if (error instanceof ApiError && error.code === 'MAILING_STATE')
            void queryClient.invalidateQueries({ queryKey: mailingKey(scope.org.slug, mailing.id) });
          applyFieldErrors(form, error);
          message.error(errorMessage(error));
          return false;
        }
      };
      const next = chain.current.then(run, run);
      chain.current = next;
      return next;
    },
    [form, mailing.id, message, queryClient, scope],
  );

  // Every change in the editor, half-written blocks included: a pause in typing saves what is complete.
  const values = Form.useWatch((v: MailingValues) => v, { form, preserve: true }) as MailingValues | undefined;
  const draft = values ? JSON.stringify(values) : null;
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (draft === null) return;
    // The first values the watch reports are the ones loaded, not a change.
    if (first.current === null) first.current = draft;
    if (draft === first.current) return;
    if (!autosave) {
      const changed = JSON.stringify(mailingBody(JSON.parse(draft) as MailingValues)) !== lastSaved.current;
      setState(changed ? 'dirty' : 'saved');
      return;
    }
    setState((s) => (s === 'saving' ? s : 'dirty'));
    const timer = setTimeout(() => void save(false), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft, autosave, save]);

  // Leaving the page with a change not yet saved: save it on the way out.
  const pending = useRef(false);
  pending.current = state === 'dirty' && autosave;
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      if (pending.current) void saveRef.current(false);
    },
    [],
  );

  return { state, savedAt, save, values };
}
