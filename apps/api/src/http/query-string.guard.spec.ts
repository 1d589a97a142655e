import { controlCharacterErrors } from './query-string.guard';

describe('controlCharacterErrors', () => {
  it('passes a query string of ordinary text, and a target without one', () => {
    expect(controlCharacterErrors('/api/v1/cases?q=Ada%20L%C3%A9arner&limit=5')).toEqual([]);
    expect(controlCharacterErrors('/api/v1/cases')).toEqual([]);
  });

  it.each([
    ['NUL', '%00'],
    ['a newline', '%0A'],
    ['a tab', '%09'],
    ['DEL', '%7F'],
    ['a C1 control (NEL)', '%C2%85'],
  ])('names the parameter holding %s', (_, encoded) => {
    expect(controlCharacterErrors(`/api/v1/cases?limit=5&q=Ada${encoded}`)).toEqual([
      { field: 'q', message: expect.stringContaining('control character') },
    ]);
  });

  it('names a parameter once, and never echoes the control character in its name', () => {
    expect(controlCharacterErrors('/x?a=%00&a=%01&b%00=1').map((e) => e.field)).toEqual([
      'a',
      'b\uFFFD',
    ]);
  });
});
