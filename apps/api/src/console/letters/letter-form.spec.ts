import { intentOf, letterChoices, letterFormValues, letterRequestOf } from './letter-form';

describe('the letter form', () => {
  it('reads what was typed, keeping only known choices', () => {
    const values = letterFormValues({
      template: 'response',
      addressedTo: 'nobody',
      subject: '  Our response  ',
      body: 'Dear Ada,\n\nUpheld.\n',
      channels: ['post', 'fax', 'email'],
      email: '',
      key: 'k-1',
    });
    expect(values).toEqual({
      template: 'response',
      addressedTo: 'complainant',
      subject: 'Our response',
      body: 'Dear Ada,\n\nUpheld.\n',
      channels: ['email', 'post'],
      email: '',
      key: 'k-1',
    });
    expect(letterRequestOf(values)).toEqual({
      template: 'response',
      addressedTo: 'complainant',
      channels: ['email', 'post'],
      subject: 'Our response',
      body: 'Dear Ada,\n\nUpheld.\n',
    });
  });

  it('takes a single channel as a list, and a template it does not know as the first', () => {
    const values = letterFormValues({ template: '../../etc', channels: 'email' });
    expect(values.template).toBe('acknowledgement');
    expect(values.channels).toEqual(['email']);
  });

  it('says what was pressed, a draft unless preview or send', () => {
    expect(intentOf({ intent: 'send' })).toBe('send');
    expect(intentOf({ intent: 'preview' })).toBe('preview');
    expect(intentOf({ intent: ['send', 'send'] })).toBe('draft');
  });

  it('offers the representative only when there is one', () => {
    const values = letterFormValues({});
    expect(letterChoices(values, false).addressees.map((a) => a.value)).toEqual(['complainant']);
    expect(letterChoices(values, true).addressees.map((a) => a.value)).toEqual([
      'complainant',
      'representative',
    ]);
  });
});
