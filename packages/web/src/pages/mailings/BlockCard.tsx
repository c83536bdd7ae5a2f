import { Button, Card, Col, Form, Input, Row, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import type { MailingBlock } from '../../api/mailings';
import { useT } from '../../i18n';

interface Props {
  /** Its place in the list, as Form.List numbers it. */
  name: number;
  count: number;
  disabled: boolean;
  move(from: number, to: number): void;
  remove(index: number): void;
  /** The server's words about a merge field in this block, for the field they are about. */
  problem?: { field?: string; message: string };
}

const webUrl = /^https?:\/\/[^\s/?#]+\.[^\s]*$/i;

/** One piece of the email: a heading, a paragraph, a button with its link, an image by address, or a line. */
export function BlockCard({ name, count, disabled, move, remove, problem }: Props) {
  const t = useT();
  const form = Form.useFormInstance();
  const blocks = ((Form.useWatch('blocks') ?? form.getFieldValue('blocks')) as MailingBlock[] | undefined) ?? [];
  const block = blocks[name];
  if (!block) return null;
  const urlRule = { pattern: webUrl, message: t('mailings.block.urlRule') };
  const marked = (field: string) =>
    problem?.field === field ? { validateStatus: 'error' as const, help: problem.message } : {};

  return (
    <Card
      size="small"
      className="cw-mail-block"
      style={{ marginBottom: 12 }}
      title={`${name + 1}. ${t(`mailings.block.${block.type}`)}`}
      extra={
        !disabled && (
          <Space size={4}>
            <Tooltip title={t('mailings.block.up')}>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label={t('mailings.block.up')}
                disabled={name === 0}
                onClick={() => move(name, name - 1)}
              />
            </Tooltip>
            <Tooltip title={t('mailings.block.down')}>
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label={t('mailings.block.down')}
                disabled={name === count - 1}
                onClick={() => move(name, name + 1)}
              />
            </Tooltip>
            <Tooltip title={t('mailings.block.delete')}>
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('mailings.block.delete')}
                onClick={() => remove(name)}
              />
            </Tooltip>
          </Space>
        )
      }
    >
      {block.type === 'heading' && (
        <Form.Item
          name={[name, 'text']}
          {...marked('text')}
          label={t('mailings.block.headingText')}
          rules={[{ required: true, whitespace: true, message: t('mailings.block.textRequired') }, { max: 200 }]}
        >
          <Input placeholder={t('mailings.block.headingPlaceholder')} />
        </Form.Item>
      )}
      {block.type === 'paragraph' && (
        <Form.Item
          name={[name, 'text']}
          {...marked('text')}
          label={t('mailings.block.paragraphText')}
          rules={[{ required: true, whitespace: true, message: t('mailings.block.textRequired') }, { max: 10_000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 16 }}
            placeholder={t('mailings.block.paragraphPlaceholder')}
          />
        </Form.Item>
      )}
      {block.type === 'button' && (
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item
              name={[name, 'text']}
              {...marked('text')}
              {...marked('text')}
              label={t('mailings.block.buttonText')}
              rules={[{ required: true, whitespace: true, message: t('mailings.block.textRequired') }, { max: 50 }]}
            >
              <Input placeholder={t('mailings.block.buttonPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name={[name, 'url']}
              {...marked('url')}
              label={t('mailings.block.buttonUrl')}
              rules={[{ required: true, message: t('mailings.block.urlRule') }, urlRule, { max: 1000 }]}
            >
              <Input inputMode="url" placeholder="https://" />
            </Form.Item>
          </Col>
        </Row>
      )}
      {block.type === 'image' && (
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item
              name={[name, 'src']}
              label={t('mailings.block.imageSrc')}
              extra={t('mailings.block.imageSrcHelp')}
              rules={[{ required: true, message: t('mailings.block.urlRule') }, urlRule, { max: 1000 }]}
            >
              <Input inputMode="url" placeholder="https://" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name={[name, 'alt']}
              label={t('mailings.block.imageAlt')}
              extra={t('mailings.block.imageAltHelp')}
              rules={[{ max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
      )}
      {block.type === 'divider' && <hr style={{ border: 0, borderTop: '1px solid #e5e5e5', margin: '8px 0' }} />}
    </Card>
  );
}
