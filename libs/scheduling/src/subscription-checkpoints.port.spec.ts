import { positionAt } from '#event-store';
import { positionOfText, positionText } from './subscription-checkpoints.port';

describe('a checkpoint as text', () => {
  it('reads back as the same position', () => {
    const far = { commit: 2n ** 63n - 1n, prepare: 5n };
    expect(positionOfText(positionText(far))).toEqual(far);
    expect(positionText(positionAt(3))).toBe('3/3');
  });
});
