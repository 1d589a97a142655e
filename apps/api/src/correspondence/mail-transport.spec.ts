import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPermanentRefusal, mailboxTransport } from './mail-transport';

describe('a mail server’s refusal', () => {
  it('is for good with a 5xx reply, worth another try with a 4xx or no reply at all', () => {
    expect(
      isPermanentRefusal(Object.assign(new Error('No such user'), { responseCode: 550 })),
    ).toBe(true);
    expect(isPermanentRefusal(Object.assign(new Error('Try later'), { responseCode: 451 }))).toBe(
      false,
    );
    expect(
      isPermanentRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })),
    ).toBe(false);
  });
});

describe('a mailbox folder, where no mail server is', () => {
  it('keeps each message as an .eml file named from its Message-ID, a resend in the same file', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'clf-mailbox-')), 'mailbox');
    const mailbox = mailboxTransport(folder);
    const message = {
      from: 'CLF <clf@localhost>',
      to: { name: 'Ann', address: 'ann@dmm.example' },
      subject: 'A deadline is near',
      text: 'Respond by Friday.',
      messageId: '<n-1@localhost>',
    };
    await mailbox.send(message);
    await mailbox.send(message);
    mailbox.close();
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.eml$/);
    const written = readFileSync(join(folder, files[0]!), 'utf8');
    expect(written).toContain('Subject: A deadline is near');
    expect(written).toContain('Message-ID: <n-1@localhost>');
    expect(written).toContain('Respond by Friday.');
  });
});
