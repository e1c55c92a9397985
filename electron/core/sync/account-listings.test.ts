import { describe, expect, it } from 'vitest';
import { writePages } from '../store/test-stores';
import { createTempStore } from '../store/testing';
import { folderPaths } from './account-listings';

const folder = (id: number, name: string, parent: number | null) => ({ id: String(id), type: 'document-folders', attributes: { name, 'organization-id': 1, 'parent-id': parent } });

describe('folder paths', () => {
  it('name every folder from the top, and stay short however long or deep a tenant names them', () => {
    const t = createTempStore();
    try {
      // 40 levels of 5,000-character names under "Runbooks / Network", then one looping pair.
      const deep = Array.from({ length: 40 }, (_, i) => folder(100 + i, `${String(i).padStart(2, '0')}${'x'.repeat(5000)}`, i === 0 ? 2 : 99 + i));
      writePages(t.store, [{ type: 'document-folders', resources: [folder(1, 'Runbooks', null), folder(2, 'Network', 1), ...deep, folder(7, 'A', 8), folder(8, 'B', 7)] }]);
      const { paths, byOrg } = folderPaths(t);
      expect(paths.get(2)).toBe('Runbooks / Network');
      expect(paths.get(100)?.startsWith('Runbooks / Network / 00xxx')).toBe(true);
      expect(paths.get(100)?.length).toBeLessThanOrEqual(400);
      const deepest = paths.get(139) ?? '';
      expect(deepest.length).toBeLessThanOrEqual(400);
      expect(deepest.startsWith('… / ')).toBe(true);
      expect(deepest.split(' / ').at(-1)).toBe(`39${'x'.repeat(97)}…`);
      expect([paths.get(7), paths.get(8)]).toEqual(['B / A', 'A / B']);
      expect(byOrg.get(1)?.length).toBe(44);
    } finally {
      t.cleanup();
    }
  });
});
