import { inSlices } from '../../src/platform/jobs/inSlices';

describe('work in slices', () => {
  it('runs every step in order, one per turn of the event loop, so that what waits in between runs between them', async () => {
    const log: string[] = [];
    const steps = [1, 2, 3].map((n) => () => {
      log.push(`step ${n}`);
      // Queued as a request's callback would be while the step runs.
      setImmediate(() => log.push(`after ${n}`));
    });
    await inSlices(steps).done;
    expect(log).toEqual(['step 1', 'after 1', 'step 2', 'after 2', 'step 3', 'after 3']);
  });

  it('runs no step once stopped', async () => {
    const ran: number[] = [];
    const slices = inSlices([1, 2, 3].map((n) => () => void ran.push(n)));
    const stopAfterFirst = inSlices([() => slices.stop()]);
    await Promise.all([slices.done, stopAfterFirst.done]);
    expect(ran).toEqual([1]);
  });

  it('rejects with the error of a step that throws, and runs none after it', async () => {
    const ran: number[] = [];
    const steps = [
      () => void ran.push(1),
      () => {
        throw new Error('broken step');
      },
      () => void ran.push(3),
    ];
    await expect(inSlices(steps).done).rejects.toThrow('broken step');
    expect(ran).toEqual([1]);
  });

  it('starts no step while pauseWhile holds (a turn in flight), and goes on once it stops holding', async () => {
    let asked = 0;
    const log: string[] = [];
    const busyThrice = () => ++asked <= 3;
    await inSlices([() => log.push(`step 1 after ${asked} asks`), () => log.push(`step 2 after ${asked} asks`)], {
      pauseWhile: busyThrice,
    }).done;
    expect(log).toEqual(['step 1 after 4 asks', 'step 2 after 5 asks']);
  });
});
