/** The master key given is not the one the key store was made with: nothing can be read. */
export class WrongMasterKeyError extends Error {
  constructor(where: string) {
    super(
      `The master key does not open the case keys in ${where}: CLF_MASTER_KEY (or the data directory's master.key) is not the key they were made with. Start again with that key; nothing was read or changed.`,
    );
    this.name = 'WrongMasterKeyError';
  }
}
