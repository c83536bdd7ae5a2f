import { Alert, App, Card, Form, Input, Segmented, Typography } from 'antd';
import { useT } from '../../i18n';
import { BlockList } from './BlockList';
import { MergeFieldTags } from './MergeFieldTags';
import { blocksToHtml, type Editor, type MailingValues } from './mailingValues';
import type { TemplateProblem } from './PreviewPane';

/** The body of the email: built from blocks, or written as HTML with an optional plain-text part. */
export function ContentCard({ problem, disabled }: { problem: TemplateProblem | null; disabled: boolean }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const form = Form.useFormInstance<MailingValues>();
  const editor = (Form.useWatch('editor', { form, preserve: true }) as Editor | undefined) ?? 'blocks';
  const bodyProblem = problem && problem.part !== 'subject' ? problem : null;

  const switchTo = (next: Editor) => {
    if (next === editor) return;
    if (next === 'code') {
      // Start the code from the blocks, so nothing written so far is lost.
      if (!((form.getFieldValue('html') as string | undefined) ?? '').trim()) {
        form.setFieldValue('html', blocksToHtml((form.getFieldValue('blocks') as MailingValues['blocks']) ?? []));
        message.info(t('mailings.content.convertedToCode'));
      }
      form.setFieldValue('editor', 'code');
      return;
    }
    modal.confirm({
      title: t('mailings.content.toBlocksConfirm'),
      content: t('mailings.content.toBlocksHelp'),
      okText: t('mailings.content.toBlocksOk'),
      onOk: () => form.setFieldValue('editor', 'blocks'),
    });
  };

  return (
    <Card
      size="small"
      title={t('mailings.content')}
      extra={
        <Segmented<Editor>
          value={editor}
          disabled={disabled}
          onChange={switchTo}
          options={[
            { value: 'blocks', label: t('mailings.content.blocks') },
            { value: 'code', label: t('mailings.content.code') },
          ]}
        />
      }
      style={{ marginBottom: 16 }}
    >
      <Form.Item name="editor" hidden>
        <Input />
      </Form.Item>
      <div style={{ marginBottom: 12 }}>
        <MergeFieldTags />
      </div>
      {/* A problem in a block is shown at the block; one in the HTML or text part, here. */}
      {bodyProblem && bodyProblem.part !== 'block' && (
        <Alert
          type="error"
          showIcon
          className="cw-template-error"
          style={{ marginBottom: 12 }}
          message={t('mailings.templateError')}
          description={bodyProblem.message}
        />
      )}
      {editor === 'blocks' ? (
        <BlockList disabled={disabled} problem={bodyProblem} />
      ) : (
        <>
          <Form.Item
            name="html"
            label={t('mailings.content.html')}
            extra={t('mailings.content.htmlHelp')}
            validateStatus={bodyProblem?.part === 'html' ? 'error' : undefined}
            rules={[{ max: 200_000 }]}
          >
            <Input.TextArea className="cw-secret" autoSize={{ minRows: 12, maxRows: 40 }} spellCheck={false} />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('mailings.content.text')}
            extra={t('mailings.content.textHelp')}
            validateStatus={bodyProblem?.part === 'text' ? 'error' : undefined}
            rules={[{ max: 200_000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 20 }} />
          </Form.Item>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t('mailings.content.footerNote')}
      </Typography.Paragraph>
    </Card>
  );
}
