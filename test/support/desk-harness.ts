import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Person } from "../../src/domain/config/directory";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createDesk, type UseCaseDeps } from "../../src/domain/desk";
import type { Desk } from "../../src/domain/desk/desk";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { ScanEvent } from "../../src/domain/kernel/scan";
import type { Store } from "../../src/domain/ports";
import { createDeskEngine, type Engine } from "../../src/flows";
import { branchDirectory } from "./branch";
import { FakeNotifier, FakePresence, FakeScheduler } from "./fakes";
import { MemoryChatLock } from "./memory/chat-lock";
import { MemorySessionStore } from "./memory/sessions";
import { openMemoryStore } from "./memory/store";
import { privateChat, type Transcript, transcript } from "./transcript";

/** Shanghai local time on 2026-11-27 (or another date) as a UTC instant. */
export function shanghai(time: string, date = "2026-11-27"): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export interface DeskHarnessOptions {
  /** Stands in front of the real desk (e.g. to make it refuse something the flow let through). */
  desk?: (real: Desk) => Desk;
}

/** What open() makes: the store and everything built on it. */
interface Opened {
  store: Store;
  desk: Desk;
  engine: Engine;
}

let chats = 0;

/**
 * The desk's conversations as src/app.ts wires them: the real `createDeskEngine` (customer and
 * staff flows, the staff actions) over the real desk, with in-memory doubles for everything
 * outside the domain: the store, sessions and chat locks of ./memory (each proven by the contract
 * suite the real one passes) and those of ./fakes for the scheduler, the notifier and the seats.
 * The people are the shared branch of ./branch. Time is a ManualClock: 2026-11-27 is a Friday and
 * Shanghai is UTC+8, so 02:00Z is 10:00 at the branch.
 */
export class DeskHarness {
  /** Starts at Friday 2026-11-27 10:00 in Shanghai, the desk open. */
  readonly clock = new ManualClock(shanghai("10:00"));
  readonly policy = defaultPolicy();
  readonly calendar = createBusinessCalendar(this.policy);
  readonly directory = branchDirectory();
  readonly notifier = new FakeNotifier();
  readonly scheduler = new FakeScheduler();
  readonly presence = new FakePresence();
  /** Errors the engine caught (each would have been answered with error.internal). */
  readonly errors: unknown[] = [];

  readonly #label: string;
  readonly #options: DeskHarnessOptions;
  #opened: Opened | undefined;

  constructor(label: string, options: DeskHarnessOptions = {}) {
    this.#label = label;
    this.#options = options;
  }

  /** Opens the store, the desk (behind options.desk, if given) and the engine. */
  async open(): Promise<void> {
    const store = openMemoryStore();
    const deps = {
      store,
      scheduler: this.scheduler,
      notifier: this.notifier,
      policy: this.policy,
      calendar: this.calendar,
      directory: this.directory,
      clock: this.clock,
    };
    const real = createDesk({ ...deps, presence: this.presence });
    const desk = this.#options.desk ? this.#options.desk(real) : real;
    const engine = createDeskEngine({
      deps,
      desk,
      // Sessions and locks on real time, as Redis keeps them (the desk's ManualClock does not expire them).
      sessions: new MemorySessionStore(),
      lock: new MemoryChatLock(),
      onError: (error) => this.errors.push(error),
    });
    this.#opened = { store, desk, engine };
  }

  get store(): Store {
    return this.#parts().store;
  }

  /** What the desk's use cases and timer handlers take, over this harness's store and doubles. */
  useCaseDeps(): UseCaseDeps {
    return {
      store: this.store,
      scheduler: this.scheduler,
      notifier: this.notifier,
      policy: this.policy,
      calendar: this.calendar,
      directory: this.directory,
      clock: this.clock,
      presence: this.presence,
    };
  }

  /** The desk the flows use (options.desk's wrapper, if given). */
  get desk(): Desk {
    return this.#parts().desk;
  }

  get engine(): Engine {
    return this.#parts().engine;
  }

  /** A customer in a private chat no other test uses; `languageHint` is what their app speaks. */
  customer(languageHint?: string): Transcript {
    return transcript(this.engine, privateChat(this.#newChatId(), undefined, languageHint));
  }

  /** A staff member of the shared branch in a private chat no other test uses. */
  staff(personId: string): Transcript {
    const person: Person | undefined = this.directory.person(personId);
    if (!person) throw new Error(`no ${personId} in the test directory`);
    return transcript(this.engine, privateChat(this.#newChatId(), person));
  }

  /**
   * A member of the dispatch group (a staff member by id, or a stranger): `group` is them writing
   * and pressing in the group, `own` their private chat with the bot, where what answers them
   * alone is sent (issue 14 §6).
   */
  groupMember(personId?: string): { group: Transcript; own: Transcript } {
    const person = personId === undefined ? undefined : this.directory.person(personId);
    if (personId !== undefined && !person) throw new Error(`no ${personId} in the test directory`);
    const own = privateChat(this.#newChatId(), person);
    const chat = { channel: "telegram" as const, chatId: "-1001234567", userId: own.chat.userId };
    return {
      group: transcript(this.engine, { chat, person, isGroup: true, privateChat: own.chat }),
      own: transcript(this.engine, own),
    };
  }

  /** Stores scans as the ingest API would. */
  async ingest(events: ScanEvent[]): Promise<void> {
    await this.store.parcels.addScans(events, this.clock.now());
  }

  async close(): Promise<void> {
    const opened = this.#opened;
    if (!opened) return;
    this.#opened = undefined;
    await opened.store.close();
  }

  #newChatId(): string {
    chats += 1;
    return `${this.#label}-${process.pid}-${chats}`;
  }

  #parts(): Opened {
    if (!this.#opened) throw new Error("the desk harness is not open (useDeskHarness opens it in beforeAll)");
    return this.#opened;
  }
}

/**
 * A harness for the tests of the enclosing describe: opened before them, closed after them. After
 * each test the engine must have caught no error, and the clock is back at 10:00.
 */
export function useDeskHarness(label: string, options: DeskHarnessOptions = {}): DeskHarness {
  const h = new DeskHarness(label, options);
  beforeAll(async () => {
    await h.open();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.clock.set(shanghai("10:00"));
    expect(h.errors.splice(0), "errors the engine caught").toEqual([]);
  });
  return h;
}
