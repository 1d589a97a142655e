/**
 * The clock the demo gives the application: set to each step's time as the year is
 * played, so every business time is "now" when it is recorded and never in the future.
 */
export class SteppingClock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  readonly now = (): Date => new Date(this.current);

  set(at: Date): void {
    this.current = at.getTime();
  }
}
