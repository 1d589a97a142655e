import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, keepNewFilesPrivate } from '#api/offline';
import { progressBar } from './progress-bar';
import { OperationRefusedError } from './operation-refused.error';

/** Where an operations command writes: its answer, its complaints, and its progress bars. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
  progress: NodeJS.WriteStream;
}

export const consoleOutput: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr,
};

/** A command as `npm run …` starts it: arguments, environment, console; answers an exit code. */
export type ShellCommand = (
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
) => Promise<number>;

/**
 * Runs a command from a `*.cli.ts` entry: files it creates are private (everything CLF
 * writes is personal data), and its answer becomes the process's exit code.
 */
export function runFromShell(command: ShellCommand): void {
  keepNewFilesPrivate();
  void command(process.argv.slice(2), process.env, consoleOutput).then((code) => {
    process.exitCode = code;
  });
}

/** A mistake in how the command was typed: said with the usage line. */
export class UsageError extends Error {}

/** "1 case", "1,554 cases": a number in words for people, with its noun. */
export const count = (value: number, noun: string): string =>
  `${value.toLocaleString('en-GB')} ${noun}${value === 1 ? '' : 's'}`;

/** The exit code for a command typed wrongly, as shells and most tools use it. */
const USAGE_EXIT_CODE = 2;

/** `--help` or `-h` was given: the usage is the whole answer. */
class HelpRequested extends Error {}

const HELP_OPTIONS = ['--help', '-h'];

/** `parseArgs`, with its errors turned into a sentence about what was typed. */
export function parseCommandLine<Options extends ParseArgsConfig['options']>(
  argv: string[],
  options: Options,
) {
  // Before parsing: help is the answer even beside options that are wrong.
  if (argv.some((arg) => HELP_OPTIONS.includes(arg))) throw new HelpRequested();
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
}

/** `parseCommandLine` for a command that takes options only: anything else is a usage error. */
export function parseOptions<Options extends ParseArgsConfig['options']>(
  argv: string[],
  options: Options,
) {
  const { values, positionals } = parseCommandLine(argv, options);
  if (positionals.length > 0) throw new UsageError(`Unexpected "${positionals[0]}".`);
  return values;
}

/**
 * Runs a command and answers its exit code: 0 when done (or asked for help, answered on
 * stdout), 2 when typed wrongly, 1 when refused or failed — with one readable paragraph on
 * stderr, never a stack trace.
 */
export async function runCommand(
  output: CommandOutput,
  usage: string,
  failed: string,
  command: () => Promise<number>,
): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof HelpRequested) {
      output.out(usage);
      return 0;
    }
    if (error instanceof UsageError) {
      output.err(`${error.message}\n${usage}`);
      return USAGE_EXIT_CODE;
    }
    if (error instanceof OperationRefusedError) output.err(error.message);
    else if (error instanceof ConfigError) output.err(`Configuration error — ${error.message}`);
    else output.err(`${failed}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/**
 * The project's progress bar for work in phases: each phase gets its own bar, and starting
 * the next one closes the line of the one before with what it did.
 */
export function progressPhases(stream: NodeJS.WriteStream) {
  let current: { name: string; bar: ReturnType<typeof progressBar>; done: string } | null = null;
  const end = () => {
    current?.bar.finish(current.done);
    current = null;
  };
  return {
    update(name: string, done: number, of: number, unit: string, summary: string): void {
      if (current?.name !== name) {
        end();
        current = { name, bar: progressBar(name, stream, unit), done: summary };
      }
      current.done = summary;
      current.bar.update(done, of);
    },
    end,
  };
}
