import { Button, Dropdown, Empty, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { fieldTypes, type FieldDef, type FieldType } from '../../api/forms';
import { useT, type MessageKey } from '../../i18n';
import { FieldCard } from './FieldCard';
import { newField } from './formValues';

// A label to start from where the type says what is asked; the rest start empty.
const startingLabel: Partial<Record<FieldType, MessageKey>> = {
  phone: 'forms.type.phone',
  email: 'forms.type.email',
  province: 'forms.type.province',
  region: 'forms.type.region',
};

/** The form's questions in order, each in its own card, and a menu to add one of each type. */
export function FieldList({ disabled }: { disabled: boolean }) {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <Form.List name="fields">
      {(items, { add, remove, move }) => {
        const addField = (type: FieldType) => {
          const existing = (form.getFieldValue('fields') as FieldDef[] | undefined) ?? [];
          const label = startingLabel[type];
          add(newField(type, existing, label ? t(label) : ''));
        };
        return (
          <>
            {items.length === 0 && <Empty description={t('forms.noFields')} style={{ margin: '16px 0' }} />}
            {items.map((item) => (
              <FieldCard key={item.key} name={item.name} count={items.length} move={move} remove={remove} />
            ))}
            <Dropdown
              disabled={disabled}
              trigger={['click']}
              menu={{
                items: fieldTypes.map((type) => ({ key: type, label: t(`forms.type.${type}`) })),
                onClick: ({ key }) => addField(key as FieldType),
              }}
            >
              <Button type="dashed" icon={<PlusOutlined />} block>
                {t('forms.addField')}
              </Button>
            </Dropdown>
          </>
        );
      }}
    </Form.List>
  );
}
