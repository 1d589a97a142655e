import type { FieldError } from '../../http/problem';
import { API_TOKEN_LIFETIME_DAYS, type AccountService } from '../../people/account.service';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { formText } from '../forms/form-text';

/** How long a new token may last, as the form offers it. */
const LIFETIMES = [30, API_TOKEN_LIFETIME_DAYS.usual, API_TOKEN_LIFETIME_DAYS.longest];

/** The form's choice of lifetimes, the usual one chosen. */
export const lifetimeItems = () =>
  LIFETIMES.map((days) => ({
    value: String(days),
    text: `${days} days`,
    selected: days === API_TOKEN_LIFETIME_DAYS.usual,
  }));

/** What the page says once a token was revoked. */
export const TOKEN_REVOKED_BANNER = {
  text: 'The token was revoked: it no longer works.',
  success: true,
} as const;

export interface TokenForm {
  name?: unknown;
  expiresInDays?: unknown;
}

/** A token made (shown once), or why not, beside the form's fields. */
export type TokenFormAnswer =
  | { made: { token: string; name: string; expiresAt: string } }
  | { refused: FieldError[]; name: string };

/** Makes a token for the person from the API-token form (their own account's, or an administrator's). */
export async function makeTokenFromForm(
  accounts: AccountService,
  personId: string,
  form: TokenForm,
): Promise<TokenFormAnswer> {
  const name = formText(form.name, 100);
  if (!name)
    return {
      name,
      refused: [
        {
          field: 'name',
          message: 'Name the token after what will use it, for example “timetabling system”',
        },
      ],
    };
  try {
    const { token, record } = await accounts.createApiToken(
      personId,
      name,
      Number(form.expiresInDays),
    );
    return { made: { token, name: record.name, expiresAt: record.expiresAt } };
  } catch (error) {
    const refused = refusalAsFieldErrors(error);
    if (!refused) throw error;
    return { name, refused };
  }
}

/** What the page with the form shows after it was sent: the new token, or the form's errors. */
export function tokenFormPage(answer: TokenFormAnswer): {
  status: number;
  shown: Record<string, unknown>;
} {
  if ('made' in answer) return { status: 200, shown: { newToken: answer.made } };
  const errors = formErrors(answer.refused);
  return {
    status: 400,
    shown: { errors: errors.list, fieldErrors: errors.byField, values: { name: answer.name } },
  };
}
