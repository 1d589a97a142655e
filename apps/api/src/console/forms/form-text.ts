/** A form's longest short field (a name, an e-mail address, a code): longer input is not one. */
export const MAX_SHORT_FIELD = 300;

/** A text field as typed, trimmed and cut to `max`; '' for a field not sent or sent twice. */
export const formText = (value: unknown, max = MAX_SHORT_FIELD): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';
