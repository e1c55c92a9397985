import { describe, expect, it } from 'vitest';
import { errorDetail, parseMeta, parseResource, type ItGlueWarning } from './schemas';

describe('schemas', () => {
  it('reads paging from meta, from links.next, or treats the page as the last', () => {
    expect(parseMeta({ 'current-page': 2, 'next-page': 3, 'total-pages': 5, 'total-count': 4321 }, null, 2)).toEqual({
      currentPage: 2,
      nextPage: 3,
      totalPages: 5,
      totalCount: 4321,
    });
    expect(parseMeta({ 'current-page': '5', 'next-page': null }, {}, 5)).toMatchObject({ currentPage: 5, nextPage: null });
    expect(parseMeta(null, { next: 'https://x/configurations?page%5Bnumber%5D=4&page%5Bsize%5D=1000' }, 3).nextPage).toBe(4);
    expect(parseMeta(null, { next: 'https://x/configurations?cursor=abc' }, 3).nextPage).toBe(4);
    expect(parseMeta(undefined, undefined, 1)).toEqual({ currentPage: 1, nextPage: null, totalPages: null, totalCount: null });
  });

  it('keeps unknown attributes, keeps the ancestor-ids string quirk, coerces numeric ids', () => {
    const r = parseResource({ id: 12, type: 'organizations', attributes: { name: 'A', 'ancestor-ids': '[1,6]', 'parent-id': '6', 'x-new': { y: 1 } } }, '/organizations', undefined);
    expect(r).toEqual({ id: '12', type: 'organizations', attributes: { name: 'A', 'ancestor-ids': '[1,6]', 'parent-id': 6, 'x-new': { y: 1 } } });
  });

  it('skips an unusable item with a warning naming path, id and field, never the value', () => {
    const warnings: ItGlueWarning[] = [];
    const r = parseResource({ id: '9', type: 'passwords', attributes: { name: ['S3cr3t!'] } }, '/passwords', (w) => warnings.push(w));
    expect(r).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe('/passwords');
    expect(warnings[0]?.id).toBe('9');
    expect(warnings[0]?.reason).toContain('name');
    expect(JSON.stringify(warnings)).not.toContain('S3cr3t!');
  });

  it('reads the first error of an error document, with symbol statuses', () => {
    expect(errorDetail({ errors: [{ status: 'unprocessable_entity', title: 'Unprocessable Entity', detail: 'date range too long' }] })).toBe(
      'Unprocessable Entity: date range too long',
    );
    expect(errorDetail({ errors: [{ status: '404', title: 'Record not found', detail: 'Record not found' }] })).toBe('Record not found');
    expect(errorDetail('<html>')).toBeNull();
  });
});
