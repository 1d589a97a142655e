import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { LETTER_TEMPLATES, type LetterTemplate, type Policy } from '#domain';
import { CONSOLE_FILES } from '../console/console-files';
import type { LetterContext } from './letter-context';

/** A letter as drafted from its template: the person may edit both before sending. */
export interface LetterDraft {
  subject: string;
  body: string;
}

/** A template's first line names the subject: `Subject: Your complaint {{ reference }}`. */
const SUBJECT_LINE = /^Subject:[ \t]*(.*)\r?\n/;

export class LetterTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LetterTemplateError';
  }
}

/** Where a template is found: the override folder first, then the policy's bundled set. */
export function templateFolders(policy: Policy, overrideFolder: string | null): string[] {
  const bundled = join(CONSOLE_FILES.letterTemplates, policy.id);
  return [overrideFolder, existsSync(bundled) ? bundled : null].filter(
    (folder): folder is string => folder !== null,
  );
}

/**
 * The letters' Nunjucks, apart from the console's: plain text, so nothing is escaped; the
 * case's words are only ever values in the context, never template source. An unknown
 * name in a template is an error, not a silent gap in a letter.
 */
export class LetterTemplates {
  private readonly environment: nunjucks.Environment;

  constructor(policy: Policy, overrideFolder: string | null) {
    const folders = templateFolders(policy, overrideFolder);
    this.environment = new nunjucks.Environment(
      new nunjucks.FileSystemLoader(folders, { noCache: false }),
      { autoescape: false, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true },
    );
    this.checkEveryTemplate(folders, policy);
  }

  draft(template: LetterTemplate, context: LetterContext): LetterDraft {
    const text = this.environment.render(`${template}.njk`, context);
    const subject = SUBJECT_LINE.exec(text);
    if (!subject) {
      throw new LetterTemplateError(`The ${template} letter's first line must be "Subject: …".`);
    }
    return { subject: subject[1].trim(), body: text.slice(subject[0].length).trim() + '\n' };
  }

  /** Each letter must exist and compile when the server starts, not when someone writes one. */
  private checkEveryTemplate(folders: string[], policy: Policy): void {
    for (const template of LETTER_TEMPLATES) {
      if (!folders.some((folder) => existsSync(join(folder, `${template}.njk`)))) {
        throw new LetterTemplateError(
          `No ${template}.njk letter for policy ${policy.id}: put one in CLF_TEMPLATES.`,
        );
      }
      try {
        this.environment.getTemplate(`${template}.njk`, true);
      } catch (error) {
        throw new LetterTemplateError(
          `${template}.njk does not compile: ${(error as Error).message}`,
        );
      }
    }
  }
}
