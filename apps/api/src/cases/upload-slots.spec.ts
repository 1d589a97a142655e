import { UploadsBusyError } from '../http/problem';
import { UploadSlots } from './upload-slots';

describe('upload slots', () => {
  it('gives out as many slots as it has, then refuses with when to come back', () => {
    const slots = new UploadSlots(2);
    slots.acquire();
    const release = slots.acquire();
    const refusal = refusalOf(() => slots.acquire());
    expect(refusal).toBeInstanceOf(UploadsBusyError);
    expect((refusal as UploadsBusyError).retryAfterSeconds).toBeGreaterThan(0);
    release();
    expect(slots.inUse).toBe(1);
    expect(() => slots.acquire()).not.toThrow();
  });

  it('counts a slot released twice only once', () => {
    const slots = new UploadSlots(1);
    const release = slots.acquire();
    release();
    release();
    expect(slots.inUse).toBe(0);
    slots.acquire();
    expect(() => slots.acquire()).toThrow(UploadsBusyError);
  });
});

function refusalOf(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('it was not refused');
}
