/**
 * 省/市/区 on a public form: choosing a province lists its cities, choosing a city its districts. The
 * children come from /api/geo/divisions (cached for a day), one small request per choice.
 */
interface Division {
  code: string;
  name: string;
}

const fetched = new Map<string, Promise<Division[]>>();
const childrenOf = (code: string) => {
  if (!fetched.has(code))
    fetched.set(
      code,
      fetch(`/api/geo/divisions?parent=${encodeURIComponent(code)}`).then((r) => (r.ok ? r.json() : [])),
    );
  return fetched.get(code)!;
};

/** Leaves a select with its placeholder only (the first option). */
const empty = (select: HTMLSelectElement) => {
  select.length = 1;
  select.value = '';
};

export function linkRegionSelects(root: ParentNode) {
  for (const group of root.querySelectorAll<HTMLElement>('[data-region]')) {
    const selects = [...group.querySelectorAll('select')];
    selects.forEach((select, level) => {
      const next = selects[level + 1];
      if (!next) return;
      select.addEventListener('change', async () => {
        for (const below of selects.slice(level + 1)) empty(below);
        const chosen = select.value;
        if (!chosen) return;
        next.disabled = true;
        const children = await childrenOf(chosen).catch(() => [] as Division[]);
        // Another choice was made while this one loaded: that one fills the list.
        if (select.value !== chosen) return;
        next.disabled = false;
        for (const d of children) next.add(new Option(d.name, d.code));
      });
    });
  }
}
