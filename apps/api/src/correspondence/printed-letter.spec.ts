import { createHash } from 'node:crypto';
import { pdfText } from '../../../../test/support/pdf-text';
import { printLetter, type PrintedLetter } from './printed-letter';

const letter: PrintedLetter = {
  organisation: 'Digital Marketing Mentor',
  date: 'Tue 22 Dec 2026, 4:05pm',
  to: 'Ada Learner',
  reference: 'DMM-2026-00042',
  subject: 'Our response to your complaint DMM-2026-00042',
  body: 'Dear Ada Learner,\n\nYour complaint is upheld.\n\nYours sincerely,\n\nOlive Manager\n',
};

describe('a letter printed for post', () => {
  it('is a PDF that reads back as the letter', async () => {
    const pdf = await printLetter(letter);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const line of [
      'Digital Marketing Mentor',
      'Tue 22 Dec 2026, 4:05pm',
      'Our reference: DMM-2026-00042',
      'Our response to your complaint DMM-2026-00042',
      'Your complaint is upheld.',
      'Olive Manager',
    ])
      expect(text).toContain(line);
  });

  it('is the same file each time it is printed', async () => {
    const sha = async () =>
      createHash('sha256')
        .update(await printLetter(letter))
        .digest('hex');
    expect(await sha()).toBe(await sha());
  });
});
