/**
 * A one-line progress bar on a terminal; a line per tenth when output is not a terminal.
 * It counts events unless told what else (`unit`, plural: "cases").
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  unit = 'events',
) {
  const started = performance.now();
  let lastTenth = -1;
  return {
    update(done: number, of: number): void {
      const share = of === 0 ? 1 : Math.min(1, done / of);
      const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
      const figures = `${Math.round(share * 100)}% ${done.toLocaleString('en-GB')}/${of.toLocaleString('en-GB')} ${unit}, ${rate.toLocaleString('en-GB')}/s`;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(share * width);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures}   `,
        );
      } else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        stream.write(`${label}: ${figures}\n`);
      }
    },
    finish(message: string): void {
      stream.write(`${stream.isTTY ? '\n' : ''}${message}\n`);
    },
  };
}
