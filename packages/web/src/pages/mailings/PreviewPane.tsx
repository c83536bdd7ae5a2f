import { useEffect, useState } from 'react';
import { Alert, Card, Segmented, Spin, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { MailingPreview } from '../../api/mailings';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';
import { contentWithIndex, type MailingValues } from './mailingValues';
import { templateProblemOf, type TemplateProblem } from './templateProblem';

export type { TemplateProblem };

/**
 * The email as the server renders it for a sample recipient, asked for once typing pauses. The last
 * good rendering stays on screen while a template problem is being fixed.
 */
export function usePreview(values: MailingValues | undefined, enabled: boolean) {
  const scope = useOrg();
  const built = values ? contentWithIndex(values) : null;
  const input = built ? JSON.stringify({ subject: values?.subject ?? '', content: built.content }) : null;
  const blockIndex = JSON.stringify(built?.blockIndex ?? []);
  const [settled, setSettled] = useState({ input, blockIndex });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ input, blockIndex }), 500);
    return () => clearTimeout(timer);
  }, [input, blockIndex]);
  const preview = useQuery({
    queryKey: ['mailing-preview', scope.org.slug, settled.input],
    queryFn: () => api.post<MailingPreview>(scope.path('/mailings/preview'), JSON.parse(settled.input!) as unknown),
    enabled: enabled && settled.input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const [lastGood, setLastGood] = useState<MailingPreview | undefined>();
  useEffect(() => {
    if (preview.data) setLastGood(preview.data);
  }, [preview.data]);
  const problem = preview.isError ? templateProblemOf(preview.error, JSON.parse(settled.blockIndex) as number[]) : null;
  return {
    enabled,
    data: preview.isError ? lastGood : (preview.data ?? lastGood),
    problem,
    otherError: preview.isError && !problem ? preview.error : null,
    fetching: enabled && (preview.isFetching || input !== settled.input),
  };
}

type View = 'desktop' | 'phone' | 'text';

// Links in the preview open in a new tab; scripts never run (the sandbox has no allow-scripts).
const withBaseTarget = (html: string) =>
  /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}<base target="_blank">`) : html;

/** The rendered email beside the editor: as on a computer, on a phone, or as its plain-text part. */
export function PreviewPane({ preview }: { preview: ReturnType<typeof usePreview> }) {
  const t = useT();
  const [view, setView] = useState<View>('desktop');
  const { data, problem, otherError, fetching } = preview;
  return (
    <Card
      size="small"
      title={
        <span>
          {t('mailings.preview')} {fetching && <Spin size="small" style={{ marginInlineStart: 8 }} />}
        </span>
      }
      extra={
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'desktop', label: t('mailings.preview.desktop') },
            { value: 'phone', label: t('mailings.preview.phone') },
            { value: 'text', label: t('mailings.preview.text') },
          ]}
        />
      }
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          className="cw-template-error"
          style={{ marginBottom: 12 }}
          message={t('mailings.templateError')}
          description={problem.message}
        />
      )}
      {otherError && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={errorMessage(otherError)} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('mailings.preview.help')}
      </Typography.Paragraph>
      <div className="cw-mail-subject">
        <Typography.Text type="secondary">{t('mailings.preview.subject')}</Typography.Text>
        <Typography.Text strong>{data?.subject || t('mailings.preview.noSubject')}</Typography.Text>
      </div>
      <div style={{ opacity: problem ? 0.5 : 1, transition: 'opacity .2s' }}>
        {view === 'text' ? (
          <pre className="cw-mail-text">{data?.text ?? ''}</pre>
        ) : (
          <div style={{ display: 'flex', justifyContent: 'center', background: '#f4f5f7' }}>
            <iframe
              title={t('mailings.preview')}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              srcDoc={withBaseTarget(data?.html ?? '')}
              style={{
                width: view === 'phone' ? 375 : '100%',
                maxWidth: '100%',
                height: 640,
                border: '1px solid #e5e6eb',
                background: '#fff',
              }}
            />
          </div>
        )}
      </div>
    </Card>
  );
}
