import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundledPolicy,
  createCaseDecider,
  foldCase,
  type Actor,
  type Case,
  type CaseCommand,
  type CaseEvent,
  type Policy,
} from '#domain';
import { letterContext } from './letter-context';
import { LetterTemplateError, LetterTemplates } from './letter-templates';

const manager: Actor = { id: 'u-om', name: 'Olive Manager', roles: ['operations-manager'] };
const senior: Actor = { id: 'u-sm', name: 'Sue Senior', roles: ['senior-manager'] };
const writer = { id: 'u-om', name: 'Olive Manager' };

function history(policy: Policy, steps: Array<[CaseCommand, string]>) {
  const decider = createCaseDecider(policy);
  const events: CaseEvent[] = [];
  for (const [command, at] of steps)
    events.push(...decider.decide(command, foldCase(events), new Date(at)));
  return { events, found: foldCase(events) as Case };
}

const receive = (formality: 'formal' | 'informal'): [CaseCommand, string] => [
  {
    type: 'ReceiveCase',
    actor: manager,
    data: {
      caseId: 'c1',
      reference: 'REF-2026-00042',
      kind: 'complaint',
      formality,
      channel: 'email',
      summary: 'Mentor missed two sessions',
      details: 'I want the sessions rescheduled. <b>{{ 7*7 }}</b>',
      complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' },
    },
  },
  '2026-11-23T09:00:00Z',
];
const respond: [CaseCommand, string] = [
  {
    type: 'RespondToCase',
    actor: manager,
    data: { summary: 'Two sessions were missed; both are rebooked.', outcome: 'upheld' },
  },
  '2026-11-30T15:00:00Z',
];
const escalate = (toStage: number): [CaseCommand, string] => [
  { type: 'EscalateCase', actor: senior, data: { toStage, reason: 'Not satisfied' } },
  '2026-12-01T10:00:00Z',
];
const respondAsSenior: [CaseCommand, string] = [
  {
    type: 'RespondToCase',
    actor: senior,
    data: { summary: 'We reviewed the case and agree.', outcome: 'not-upheld' },
  },
  '2026-12-07T10:00:00Z',
];

function draft(
  policy: Policy,
  template: 'acknowledgement' | 'response',
  steps: Array<[CaseCommand, string]>,
) {
  const { events, found } = history(policy, steps);
  const context = letterContext(found, events, policy, {
    to: 'Ada Learner',
    writer,
    now: new Date('2026-12-08T16:05:00Z'),
  });
  return new LetterTemplates(policy, null).draft(template, context);
}

describe.each(['dmm', 'mactri'] as const)('the %s letters', (id) => {
  const policy = bundledPolicy(id);

  it('acknowledge with our understanding, who handles it and the due date in local time', () => {
    const letter = draft(policy, 'acknowledgement', [receive('formal')]);
    expect(letter.subject).toBe('Your complaint REF-2026-00042: we have received it');
    expect(letter.body).toContain('Dear Ada Learner,');
    expect(letter.body).toContain('Mentor missed two sessions');
    expect(letter.body).toContain('I want the sessions rescheduled.');
    expect(letter.body).toContain('You will receive our written response by Mon 7 Dec 2026.');
    expect(letter.body).toContain('Mon 23 Nov 2026, 9:00am');
    expect(letter.body).toMatch(/Olive Manager\n.+\n$/);
  });

  it('show the complainant’s words as they wrote them, never run as a template', () => {
    const letter = draft(policy, 'acknowledgement', [receive('formal')]);
    expect(letter.body).toContain('<b>{{ 7*7 }}</b>');
  });

  it('respond with the stage, decision, reasons and how to take it further, by when', () => {
    const letter = draft(policy, 'response', [receive('formal'), respond]);
    expect(letter.body).toContain('at stage 2');
    expect(letter.body).toContain('your complaint is upheld');
    expect(letter.body).toContain('Two sessions were missed; both are rebooked.');
    expect(letter.body).toMatch(
      /stage 3 \(.+\), handled by the .+: write to us by Wed 30 Dec 2026, /,
    );
  });

  it('name the external body at the last internal stage', () => {
    const letter = draft(policy, 'response', [
      receive('formal'),
      respond,
      escalate(3),
      respondAsSenior,
    ]);
    expect(letter.body).toContain('at stage 3');
    expect(letter.body).toContain('your complaint is not upheld');
    expect(letter.body).toContain('This was the last stage of our internal procedure.');
    expect(letter.body).toContain('ESFA complaints team, Education and Skills Funding Agency');
  });
});

describe('letter templates from CLF_TEMPLATES', () => {
  const policy = bundledPolicy('dmm');
  const folder = () => mkdtempSync(join(tmpdir(), 'clf-letters-'));

  it('override the bundled ones', () => {
    const dir = folder();
    writeFileSync(join(dir, 'thanks.njk'), 'Subject: Thanks {{ reference }}\nMerci, {{ name }}.\n');
    const { events, found } = history(policy, [receive('formal')]);
    const context = letterContext(found, events, policy, { to: 'Ada', writer, now: new Date() });
    expect(new LetterTemplates(policy, dir).draft('thanks', context)).toEqual({
      subject: 'Thanks REF-2026-00042',
      body: 'Merci, Ada.\n',
    });
  });

  it('are refused at start when one does not compile', () => {
    const dir = folder();
    writeFileSync(join(dir, 'thanks.njk'), 'Subject: {% if %}\n');
    expect(() => new LetterTemplates(policy, dir)).toThrow(LetterTemplateError);
  });

  it('must cover every letter for a policy without bundled ones', () => {
    const dir = folder();
    writeFileSync(join(dir, 'thanks.njk'), 'Subject: Thanks\nThanks.\n');
    expect(() => new LetterTemplates({ ...policy, id: 'other' }, dir)).toThrow(
      'No acknowledgement.njk letter for policy other',
    );
  });
});
