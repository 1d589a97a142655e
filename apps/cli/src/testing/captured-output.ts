import type { CommandOutput } from '../command-line';

/** An operations command's output, kept for the test to read: what it said, and its progress. */
export function capturedOutput() {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const output: CommandOutput = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: {
      isTTY: false,
      write: (text: string) => progress.push(text),
    } as unknown as NodeJS.WriteStream,
  };
  return {
    output,
    out: () => out.join('\n'),
    err: () => err.join('\n'),
    progress: () => progress.join(''),
  };
}
