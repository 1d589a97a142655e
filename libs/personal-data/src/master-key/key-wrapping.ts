import { seal, unseal } from '../sealing/aes-gcm';
import { WrongMasterKeyError } from './wrong-master-key.error';

const CHECK_TEXT = Buffer.from('CLF master key check', 'utf8');
const CHECK_AAD = 'master-key-check';

/** Data keys wrapped by the master key (each bound to its case), and a check that the master key is the right one. */
export class KeyWrapping {
  constructor(private readonly masterKey: Buffer) {}

  wrap(caseId: string, dataKey: Buffer): Buffer {
    return seal(this.masterKey, dataKey, `case-key:${caseId}`);
  }

  unwrap(caseId: string, wrapped: Buffer): Buffer {
    return unseal(this.masterKey, wrapped, `case-key:${caseId}`);
  }

  /** What a new key store keeps, to know its master key again. */
  checkValue(): Buffer {
    return seal(this.masterKey, CHECK_TEXT, CHECK_AAD);
  }

  /** Throws WrongMasterKeyError unless this master key made the check value. */
  confirm(checkValue: Buffer, where: string): void {
    try {
      if (unseal(this.masterKey, checkValue, CHECK_AAD).equals(CHECK_TEXT)) return;
    } catch {
      // another key: said below
    }
    throw new WrongMasterKeyError(where);
  }
}
