import type { QueueCursor } from './read-model.port';

/** Cursors are opaque to clients: base64url of the last row's sort value and id. */
export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): QueueCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    )
      return { after: value[0], id: value[1] };
  } catch {
    // fall through
  }
  return null;
}

/**
 * The value a row sorts by. Cases waiting on no deadline sort after every deadline in
 * both directions (`~` is above digits; the empty string is below them).
 */
export const NO_DEADLINE_ASC = '~';
export const NO_DEADLINE_DESC = '';
