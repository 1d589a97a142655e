/** Interval timers a test fires by hand (`tick`), instead of waiting for them. */
export function manualTimers() {
  const ticks = new Map<number, () => void>();
  let next = 0;
  return {
    tick: () => [...ticks.values()].forEach((tick) => tick()),
    timers: {
      setInterval: ((tick: () => void) => {
        next += 1;
        ticks.set(next, tick);
        return next;
      }) as unknown as typeof setInterval,
      clearInterval: ((id: number) => void ticks.delete(id)) as unknown as typeof clearInterval,
    },
  };
}
