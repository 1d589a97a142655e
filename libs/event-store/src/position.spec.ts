import { comparePositions } from './position';

describe('positions', () => {
  it('order by commit, then prepare', () => {
    expect(comparePositions({ commit: 5n, prepare: 3n }, { commit: 5n, prepare: 4n })).toBeLessThan(
      0,
    );
    expect(
      comparePositions({ commit: 6n, prepare: 1n }, { commit: 5n, prepare: 9n }),
    ).toBeGreaterThan(0);
  });
});
