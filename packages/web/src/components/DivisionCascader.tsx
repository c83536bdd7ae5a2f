import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Division } from '../api/contacts';
import { useT } from '../i18n';

interface DivisionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: DivisionOption[];
}

const fetchChildren = (client: QueryClient, parent: string | null) =>
  client.fetchQuery({
    queryKey: ['divisions', parent ?? ''],
    queryFn: () => api.get<Division[]>('/geo/divisions', { parent: parent ?? undefined }),
    staleTime: Infinity,
  });

const toOption = (d: Division, depth: number): DivisionOption => ({
  value: d.code,
  label: d.name,
  isLeaf: depth === 3 || !d.hasChildren,
});

export interface DivisionCascaderProps {
  value?: string[];
  onChange?: (codes: string[]) => void;
  /** 1 = provinces only (a filter); 3 = province / city / district. */
  depth?: 1 | 2 | 3;
  placeholder?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
}

/** Province → city → district picker over GET /api/geo/divisions, loading each level on demand. */
export function DivisionCascader({
  value,
  onChange,
  depth = 3,
  placeholder,
  style,
  allowClear = true,
}: DivisionCascaderProps) {
  const t = useT();
  const client = useQueryClient();
  const [options, setOptions] = useState<DivisionOption[]>([]);
  const [failed, setFailed] = useState(false);

  // Load the provinces, and the levels under the current value so its labels show and, for a province
  // or city just chosen (changeOnSelect), the column under it opens.
  const valueKey = (value ?? []).join('/');
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const provinces = (await fetchChildren(client, null)).map((d) => toOption(d, depth === 1 ? 3 : 1));
        let level = provinces;
        for (let i = 0; i < Math.min((value ?? []).length, depth - 1); i++) {
          const parent = level.find((o) => o.value === value![i]);
          if (!parent) break;
          parent.children = (await fetchChildren(client, parent.value)).map((d) =>
            toOption(d, i + 2 === depth ? 3 : i + 2),
          );
          level = parent.children;
        }
        if (!cancelled) setOptions(provinces);
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Queries are cached, so rebuilding the path for a new value costs no requests.
  }, [client, depth, valueKey]);

  const loadData = async (selected: DivisionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    const level = selected.length + 1;
    const children = await fetchChildren(client, target.value);
    target.children = children.map((d) => toOption(d, level === depth ? 3 : level));
    if (children.length === 0) target.isLeaf = true;
    setOptions((o) => [...o]);
  };

  return (
    <Cascader<DivisionOption>
      options={options}
      loadData={loadData}
      value={value && value.length ? value : undefined}
      onChange={(codes) => onChange?.((codes ?? []).map(String))}
      changeOnSelect
      allowClear={allowClear}
      showSearch={depth === 1 ? { filter: (input, path) => path.some((o) => o.label.includes(input)) } : false}
      placeholder={failed ? t('geo.loadFailed') : (placeholder ?? t('geo.placeholder'))}
      style={style}
    />
  );
}
