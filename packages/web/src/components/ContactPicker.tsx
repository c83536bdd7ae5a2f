import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ContactListPage } from '../api/lists';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';

/** Finds a contact by name, pinyin, phone or email; the value is its id. */
export function ContactPicker({
  value,
  onChange,
  exclude,
}: {
  value?: number;
  onChange?: (id: number) => void;
  exclude?: number;
}) {
  const t = useT();
  const scope = useOrg();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['contacts', scope.org.slug, 'pick', q],
    queryFn: () => api.get<ContactListPage>(scope.path('/contacts'), { q, limit: 20 }),
    enabled: q.length > 0,
  });
  return (
    <Select<number>
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setText}
      loading={found.isFetching}
      placeholder={t('contacts.searchPlaceholder')}
      notFoundContent={q ? t('contacts.noMatch') : t('contacts.typeToSearch')}
      options={(found.data?.items ?? [])
        .filter((c) => c.id !== exclude)
        .map((c) => ({ value: c.id, label: [c.name, c.phone, c.email].filter(Boolean).join(' · ') }))}
    />
  );
}
