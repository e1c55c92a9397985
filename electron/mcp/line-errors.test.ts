import { describe, expect, it } from 'vitest';
import { idFromHead, malformedAnswer } from './line-errors';

describe('line errors', () => {
  it('reads the id of an oversized line only from its leading top-level keys', () => {
    expect(idFromHead('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{')).toBe(7);
    expect(idFromHead('{"id":"a\\"b","jsonrpc":"2.0"')).toBe('a"b');
    expect(idFromHead('{"jsonrpc":"2.0","method":"x","params":{"id":5')).toBeNull();
    expect(idFromHead('not json at all')).toBeNull();
  });

  it('answers a broken request with its id, a parse error with id null, and a broken notification not at all', () => {
    expect(JSON.parse(malformedAnswer('{"jsonrpc":"2.0","id":3,"method":4}').answer ?? '{}')).toMatchObject({ id: 3, error: { code: -32600 } });
    expect(JSON.parse(malformedAnswer('{"id": 3, oops').answer ?? '{}')).toMatchObject({ id: null, error: { code: -32700 } });
    expect(malformedAnswer('{"jsonrpc":"2.0","method":"notifications/x","params":5}').answer).toBeNull();
    const { error } = malformedAnswer('{"secret":"hunter2"');
    expect(error.message).not.toContain('hunter2');
  });
});
