import { count, parseCommandLine, runCommand, UsageError } from './command-line';
import { capturedOutput } from './testing/captured-output';

const USAGE = 'Usage: npm run example -- --size <n>';
async function example(argv: string[]) {
  const { output, out, err } = capturedOutput();
  const status = await runCommand(output, USAGE, 'The example failed', async () => {
    const { values } = parseCommandLine(argv, { size: { type: 'string' } });
    if (values.size === undefined) throw new UsageError('Give --size.');
    output.out(`size ${values.size}`);
    return 0;
  });
  return { status, out: out(), err: err() };
}

describe('an operations command line', () => {
  it.each(['--help', '-h'])('answers %s with the usage on stdout and exit code 0', async (flag) => {
    expect(await example([flag])).toEqual({ status: 0, out: USAGE, err: '' });
    expect(await example(['--size', '3', flag])).toEqual({ status: 0, out: USAGE, err: '' });
  });

  it('says what was mistyped, with the usage, and exits 2', async () => {
    expect(await example([])).toEqual({ status: 2, out: '', err: `Give --size.\n${USAGE}` });
    expect(await example(['--colour', 'red'])).toMatchObject({
      status: 2,
      err: expect.stringMatching(/^Unknown option '--colour'\./),
    });
  });

  it('runs the command otherwise', async () => {
    expect(await example(['--size', '3'])).toEqual({ status: 0, out: 'size 3', err: '' });
  });
});

describe('counts in words', () => {
  it('gives the number as people write it, with its noun in the singular only for one', () => {
    expect([count(0, 'case'), count(1, 'case'), count(1554, 'event')]).toEqual([
      '0 cases',
      '1 case',
      '1,554 events',
    ]);
  });
});
