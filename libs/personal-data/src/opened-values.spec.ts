import { OpenedValues } from './opened-values';

describe('OpenedValues: the plaintext of sealed values already opened', () => {
  const aad = 'case-1/event-1';

  it('finds a plaintext only for the same event and the very same sealed bytes', () => {
    const opened = new OpenedValues();
    opened.set(aad, 'c2VhbGVk', '["Jane Doe"]');
    expect(opened.get(aad, 'c2VhbGVk')).toBe('["Jane Doe"]');
    expect(opened.get('case-1/event-2', 'c2VhbGVk')).toBeUndefined();
    expect(opened.get('case-2/event-1', 'c2VhbGVk')).toBeUndefined();
    expect(opened.get(aad, 'c2VhbGVl')).toBeUndefined();
  });

  it('drops every plaintext of an erased case’s stream, and only of that stream', () => {
    const opened = new OpenedValues();
    opened.set('case-1/event-1', 'YQ==', '["a"]');
    opened.set('case-1/event-2', 'Yg==', '["b"]');
    opened.set('case-10/event-1', 'Yw==', '["c"]');
    opened.forgetStream('case-1');
    expect(opened.get('case-1/event-1', 'YQ==')).toBeUndefined();
    expect(opened.get('case-1/event-2', 'Yg==')).toBeUndefined();
    expect(opened.get('case-10/event-1', 'Yw==')).toBe('["c"]');
    expect(opened.size).toBe(1);
  });

  it('keeps no more than its size, letting the least recently read go first', () => {
    const entry = 'case-1/event-1'.length + 'YQ=='.length + '["a"]'.length;
    const opened = new OpenedValues(entry * 2);
    opened.set('case-1/event-1', 'YQ==', '["a"]');
    opened.set('case-1/event-2', 'YQ==', '["a"]');
    opened.get('case-1/event-1', 'YQ==');
    opened.set('case-1/event-3', 'YQ==', '["a"]');
    expect(opened.size).toBe(2);
    expect(opened.get('case-1/event-2', 'YQ==')).toBeUndefined();
    expect(opened.get('case-1/event-1', 'YQ==')).toBe('["a"]');
  });

  it('lists no stream whose entries are all gone, though one was replaced by a text too large to keep', () => {
    const opened = new OpenedValues(100);
    opened.set('case-1/event-1', 'YQ==', '["a"]');
    opened.set('case-1/event-1', 'Yg==', `["${'b'.repeat(200)}"]`);
    expect(opened.size).toBe(0);
    expect(opened.streamsListed).toBe(0);
  });
});
