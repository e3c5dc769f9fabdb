import type { Scheduler, Timer } from "../../src/domain/ports";

/** Records what was scheduled and cancelled; pending timers by id, as BullMQ would keep them. */
export class FakeScheduler implements Scheduler {
  readonly pending = new Map<string, Timer>();
  readonly scheduled: Timer[] = [];
  readonly cancelled: string[] = [];
  failNext: Error | undefined;

  async schedule(timer: Timer): Promise<void> {
    this.#maybeFail();
    this.scheduled.push(timer);
    this.pending.set(timer.id, timer);
  }

  async cancel(timerIds: readonly string[]): Promise<void> {
    this.#maybeFail();
    for (const id of timerIds) {
      this.cancelled.push(id);
      this.pending.delete(id);
    }
  }

  #maybeFail(): void {
    const error = this.failNext;
    if (error) {
      this.failNext = undefined;
      throw error;
    }
  }
}
