import type { Response } from 'supertest';

/** For supertest's `.parse`: the body as bytes, whatever its type (a ZIP, or a problem). */
export function asBytes(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
