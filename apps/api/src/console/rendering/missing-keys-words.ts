/**
 * What the console says of cases whose sealed personal data has no key though nothing erased
 * them: the dashboard tells directors, the jobs page tells administrators, in the same words.
 */
export function keysMissingInWords(count: number): string {
  return count === 1
    ? 'The personal data of 1 case cannot be read: its key is missing though nobody erased it'
    : `The personal data of ${count.toLocaleString('en-GB')} cases cannot be read: their keys are missing though nobody erased them`;
}

/** The remedy, as the chain-audit's log line gives it for the embedded profile. */
export const RESTORE_CASE_KEYS = 'Restore case-keys.db from a backup';
