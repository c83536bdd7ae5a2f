import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Division } from '../api/contacts';

const useDivisions = (parent: string | null, enabled: boolean) =>
  useQuery({
    queryKey: ['divisions', parent ?? ''],
    queryFn: () => api.get<Division[]>('/geo/divisions', { parent: parent ?? undefined }),
    staleTime: Infinity,
    enabled,
  });

const nameOf = (list: Division[] | undefined, code: string | null | undefined) =>
  code ? (list?.find((d) => d.code === code)?.name ?? code) : null;

/** Shows division codes as names ("四川省 成都市 武侯区"), from the cached geo lists. */
export function PlaceName({ codes }: { codes: (string | null)[] }) {
  const [province = null, city = null, district = null] = codes;
  const provinces = useDivisions(null, Boolean(province));
  const cities = useDivisions(province, Boolean(province && city));
  const districts = useDivisions(city, Boolean(city && district));
  // A municipality is its own city ("北京市 北京市 海淀区"), and 东莞 its own district: each name once.
  const parts = [nameOf(provinces.data, province), nameOf(cities.data, city), nameOf(districts.data, district)].filter(
    (name, i, names) => name && names.indexOf(name) === i,
  );
  return <>{parts.join(' ')}</>;
}
