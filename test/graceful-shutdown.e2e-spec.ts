import type { AddressInfo, Server } from 'node:net';
import { gracefulShutdown } from '../apps/api/src/lifecycle/graceful-shutdown';
import { jsonLogger } from '../apps/api/src/logging/json-logger';
import { complaint, person, startTestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const ops = person('u-olu', 'operations-manager');

describe('stopping on SIGTERM', () => {
  it('answers every command already in flight, stores it, and takes no new connections', async () => {
    const api = await startTestApp();
    const server = api.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { ...(await api.auth(ann)), 'Content-Type': 'application/json' };

    const inFlight = 16;
    let arrived = 0;
    const allArrived = new Promise<void>((resolve) =>
      server.on('request', () => ++arrived === inFlight && resolve()),
    );
    const commands = Array.from({ length: inFlight }, (_, n) =>
      fetch(`${url}/api/v1/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify(complaint({ summary: `In flight ${n}` })),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { id: string; position: number },
      })),
    );
    await allArrived;
    const stopping = gracefulShutdown(api.app, jsonLogger('silent'));
    const answers = await Promise.all(commands);
    await stopping;

    expect(answers.map((a) => a.status)).toEqual(Array(inFlight).fill(201));
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();

    const restarted = await startTestApp({ dataDir: api.dataDir });
    try {
      const position = Math.max(...answers.map((a) => a.body.position));
      const queue = await restarted.http
        .get('/api/v1/cases?limit=50')
        .set(await restarted.auth(ops))
        .set('X-CLF-Min-Position', String(position));
      expect(queue.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
        answers.map((a) => a.body.id).sort(),
      );
    } finally {
      await restarted.close();
    }
  });
});
