/** What the account page says once the person has turned their daily digest on or off. */
export function digestBanner(shown: string): { text: string; success: true } | undefined {
  if (shown === 'on')
    return { text: 'You will get the daily digest of your cases by e-mail.', success: true };
  if (shown === 'off')
    return { text: 'You will no longer get the daily digest by e-mail.', success: true };
  return undefined;
}
