import { Space, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n';
import { mergeFields } from './mailingValues';

/** The merge fields, each a tag that puts it where it is clicked for (or only explains it when `insert` is absent). */
export function MergeFieldTags({ insert }: { insert?: (field: string) => void }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      <Typography.Text type="secondary">{t('mailings.mergeFields')}</Typography.Text>
      {mergeFields.map((name) => (
        <Tooltip key={name} title={t(`mailings.mergeField.${name}`)}>
          <Tag
            className="cw-secret"
            style={{ cursor: insert ? 'pointer' : undefined, marginInlineEnd: 0 }}
            onClick={insert ? () => insert(`{{ ${name} }}`) : undefined}
          >
            {`{{ ${name} }}`}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
