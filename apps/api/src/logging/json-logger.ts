import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

/** One JSON object per line on stdout (or `destination`), at `level` and above. */
export function jsonLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'clf' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** NestJS's own log calls (and every `new Logger(context)` in the code), as JSON lines. */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', args: unknown[]) {
    const [message, ...rest] = args;
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    // Nest passes an error's stack as the argument after the message.
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) {
      // `logger.log({ msg, ...fields })`: the fields as JSON fields, not as a string.
      const { msg, ...rest } = message as { msg?: unknown };
      this.logger[level]({ ...fields, ...rest }, String(msg ?? ''));
    } else this.logger[level](fields, String(message));
  }

  log(...args: unknown[]) {
    this.write('info', args);
  }
  error(...args: unknown[]) {
    this.write('error', args);
  }
  warn(...args: unknown[]) {
    this.write('warn', args);
  }
  debug(...args: unknown[]) {
    this.write('debug', args);
  }
  verbose(...args: unknown[]) {
    this.write('trace', args);
  }
  fatal(...args: unknown[]) {
    this.write('fatal', args);
  }
}
