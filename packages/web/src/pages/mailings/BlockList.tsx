import { Button, Empty, Form, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { blockTypes } from '../../api/mailings';
import { useT } from '../../i18n';
import { BlockCard } from './BlockCard';
import { newBlock } from './mailingValues';
import type { TemplateProblem } from './PreviewPane';

/** The email's blocks in order, and a button to add each kind at the end. */
export function BlockList({ disabled, problem }: { disabled: boolean; problem: TemplateProblem | null }) {
  const t = useT();
  return (
    <Form.List name="blocks">
      {(items, { add, remove, move }) => (
        <>
          {items.length === 0 && <Empty description={t('mailings.block.none')} style={{ margin: '16px 0' }} />}
          {items.map((item) => (
            <BlockCard
              key={item.key}
              name={item.name}
              count={items.length}
              disabled={disabled}
              move={move}
              remove={remove}
              problem={problem?.part === 'block' && problem.block === item.name ? problem : undefined}
            />
          ))}
          {!disabled && (
            <Space wrap>
              <Typography.Text type="secondary">{t('mailings.block.add')}</Typography.Text>
              {blockTypes.map((type) => (
                <Button key={type} type="dashed" icon={<PlusOutlined />} onClick={() => add(newBlock(type))}>
                  {t(`mailings.block.${type}`)}
                </Button>
              ))}
            </Space>
          )}
        </>
      )}
    </Form.List>
  );
}
