/**
 * Runs a contract suite against a real server when its variable is set. Without one it
 * prints why and skips — the only skip the project allows (see README, `docker compose up`).
 */
export function describeWithServer(
  variable: string,
  title: string,
  body: (setting: string) => void,
): void {
  const setting = process.env[variable];
  if (setting) {
    describe(title, () => body(setting));
    return;
  }
  const reason = `${title}: skipped — set ${variable} to run it against a server (README: "Contract suites against real servers").`;
  process.stderr.write(`${reason}\n`);
  // eslint-disable-next-line no-restricted-syntax -- the one permitted skip: no server is configured
  describe.skip(reason, () => {
    it('needs a server', () => {});
  });
}
