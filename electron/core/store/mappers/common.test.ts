import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attrsSchema, bool, idNum, num, parseAttrs, str } from './common';
import { MapError } from './types';

const schema = attrsSchema({ name: z.string().min(1), hostname: str, archived: bool, 'organization-id': idNum, sort: num, tags: z.array(z.string()).nullish() });
const resource = (attributes: Record<string, unknown>) => ({ id: '1', type: 'configurations', attributes });

describe('parseAttrs', () => {
  it('normalises the way IT Glue leaves fields empty: "" and missing text → null, missing flag → false', () => {
    expect(parseAttrs(schema, resource({ name: 'SRV', hostname: '' }))).toEqual({ name: 'SRV', hostname: null, archived: false, 'organization-id': null, sort: null });
    expect(parseAttrs(schema, resource({ name: 'SRV', hostname: null, archived: null }))).toMatchObject({ hostname: null, archived: false });
  });

  it('takes ids as numbers or numeric strings, and keeps plain zod fields as they are', () => {
    const a = parseAttrs(schema, resource({ name: 'SRV', 'organization-id': '42', sort: 3, tags: ['x'], unknown: 'dropped' }));
    expect(a).toEqual({ name: 'SRV', hostname: null, archived: false, 'organization-id': 42, sort: 3, tags: ['x'] });
    expect(parseAttrs(schema, resource({ name: 'SRV', 'organization-id': 7 }))['organization-id']).toBe(7);
  });

  it('rejects what does not fit with a MapError naming the field', () => {
    expect(() => parseAttrs(schema, resource({ name: 'SRV', 'organization-id': 'acme' }))).toThrow(MapError);
    expect(() => parseAttrs(schema, resource({ name: 'SRV', archived: 'yes' }))).toThrow(/archived/);
    expect(() => parseAttrs(schema, resource({ hostname: 'x' }))).toThrow(/name/);
  });
});
