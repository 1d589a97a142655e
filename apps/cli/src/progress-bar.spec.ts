import { progressBar } from './progress-bar';

const capture = (isTTY: boolean) => {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (text: string) => written.push(text),
  } as unknown as NodeJS.WriteStream;
  return { written, stream };
};

describe('the rebuild progress bar', () => {
  it('redraws one line on a terminal', () => {
    const { written, stream } = capture(true);
    const bar = progressBar('Rebuilding', stream);
    bar.update(50, 200);
    expect(written[0]).toMatch(/^\rRebuilding \[#{8}\.{22}\] 25% 50\/200 events, [\d,]+\/s/);
  });

  it('writes a line per tenth when the output is a file or a pipe', () => {
    const { written, stream } = capture(false);
    const bar = progressBar('Rebuilding', stream);
    for (let done = 0; done <= 1000; done += 50) bar.update(done, 1000);
    bar.finish('done');
    expect(written).toHaveLength(12);
    expect(written.at(-2)).toMatch(/^Rebuilding: 100% 1,000\/1,000 events/);
    expect(written.at(-1)).toBe('done\n');
  });
});
