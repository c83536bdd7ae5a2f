import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = path.dirname(new URL(import.meta.url).pathname);

describe('the server enums the console imports', () => {
  it('import nothing but other enums files, so no server code reaches the bundle', async () => {
    const source = await readFile(path.join(here, 'enums.ts'), 'utf8');
    const files = [...source.matchAll(/from '([^']+)'/g)].map((m) => path.resolve(here, m[1]!));
    expect(files.length).toBeGreaterThan(5);
    const modules = path.resolve(here, '../../../server/src/modules');
    const enumFiles = (await readdir(modules)).map((m) => path.join(modules, m, 'enums.ts'));
    for (const file of new Set([...files, ...enumFiles])) {
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue;
      const imports = [...text.matchAll(/^\s*(?:import|export)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      expect(
        imports.filter((i) => !/^(\.\/|\.\.\/[a-z-]+\/)enums\.ts$/.test(i)),
        file,
      ).toEqual([]);
    }
  });
});
