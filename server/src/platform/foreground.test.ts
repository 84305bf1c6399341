import { countRequest, giveWay, requestsInFlight } from './foreground';

const later = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('bulk work gives way to requests', () => {
  it('waits until the other requests are answered, then goes on at once', async () => {
    const order: string[] = [];
    await countRequest(async () => {
      // The bulk work's own request (own = 1) and another one, a vote cast that takes 40 ms.
      const cast = countRequest(async () => {
        await later(40);
        order.push('cast answered');
      });
      const t = Date.now();
      await giveWay(1, 1000);
      order.push('batch written');
      expect(Date.now() - t).toBeLessThan(500);
      await cast;
    });
    expect(order).toEqual(['cast answered', 'batch written']);
    expect(requestsInFlight()).toBe(0);
  });

  it('never waits longer than its bound under a steady stream of requests', async () => {
    const stream = countRequest(() => later(400));
    const t = Date.now();
    await giveWay(0, 60);
    const waited = Date.now() - t;
    expect(waited).toBeGreaterThanOrEqual(55);
    expect(waited).toBeLessThan(300);
    await stream;
  });

  it('does not wait when nothing else is in flight', async () => {
    const t = Date.now();
    await countRequest(() => giveWay(1, 1000));
    expect(Date.now() - t).toBeLessThan(50);
  });
});
