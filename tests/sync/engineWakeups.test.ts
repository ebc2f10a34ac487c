import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/api/index.ts';
import { localLock, SyncEngine, type EngineState, type Transport } from '../../src/sync/index.ts';
import { TPS1 } from '../db/fixtures.ts';
import { localTally, syncOk, type } from './helpers.ts';
import { directTransport, kecamatanEach, newClient, SERVER_URL, serverTally, STORAGE_CASES, type Client, type Kecamatan, type TestServer } from './realServer.ts';

/** Lets IndexedDB (fake-indexeddb runs on setImmediate, which stays real here) and promises settle. */
const settle = async (turns = 50) => {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** The real clock's timer, kept before the engine's timers are faked. */
const realSetTimeout = globalThis.setTimeout;

/** Resolves when the engine's next round has ended (a new outcome, back to idle). */
function roundEnded(engine: SyncEngine): Promise<EngineState> {
  const before = engine.getState().lastOutcome;
  return new Promise((resolve) => {
    const stop = engine.subscribe(() => {
      const state = engine.getState();
      if (state.lastOutcome !== before && state.phase === 'idle') {
        stop();
        resolve(state);
      }
    });
  });
}

/** The calls of a round a test may step into, once: after the server answered, before the answer is used. */
type Hook = 'pull' | 'pushAudit';

/**
 * The engine's wake-ups (src/sync/engine.ts): a server event or a local write that comes while a
 * round is running must lead to a round soon after, never wait for the periodic poll (every 5
 * minutes while the event stream is open). Timers are faked so that the round always ends before
 * the wake-up's own timer could fire: the order that made the browsers of
 * tests/e2e/authority.spec.ts miss a finalisation or an objection about one run in four.
 */
describe.each(STORAGE_CASES)('wake-ups of the sync engine against the real server ($name)', (storage) => {
  let server: TestServer;
  let kec: Kecamatan;
  kecamatanEach(storage, (s, k) => {
    server = s;
    kec = k;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * A browser with its event stream open (the test's `event()` stands for the stream), whose first
   * `hook` call runs `during` between the server's answer and its use.
   */
  async function browserOf(name: string, role: Role, hook: Hook, during: (event: () => void) => Promise<void>): Promise<Client & { watching: () => boolean }> {
    const client = newClient(server, name);
    let onEvent: (() => void) | null = null;
    let armed = true;
    const step = async <T>(answer: T): Promise<T> => {
      if (armed) {
        armed = false;
        await during(() => onEvent?.());
      }
      return answer;
    };
    const engine = new SyncEngine({
      store: client.store,
      lock: localLock(),
      pollMs: 30_000,
      watch: (_enrolment, event, onConnection) => {
        onEvent = event;
        onConnection(true);
      },
      transportFor: (_url, token): Transport => {
        const direct = directTransport(server, token);
        return hook === 'pull'
          ? { ...direct, pull: async (since, limit) => step(await direct.pull(since, limit)) }
          : { ...direct, pushAudit: async (entries) => step(await direct.pushAudit(entries)) };
      },
    });
    const enrolled = await engine.enrol({ serverUrl: SERVER_URL, code: await kec.code(role), deviceName: `${name}'s device`, actor: name });
    if (!enrolled.ok) throw new Error(enrolled.error.en);
    return { ...client, engine, watching: () => onEvent !== null };
  }

  /** Starts the schedule on fake timers and runs its first round to its end. */
  async function firstRound(client: Client & { watching: () => boolean }): Promise<void> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    client.engine.start();
    await settle();
    expect(client.watching()).toBe(true);
    const ended = roundEnded(client.engine);
    vi.advanceTimersByTime(0);
    expect((await ended).lastOutcome?.kind).toBe('synced');
    await settle();
  }

  /** Moves the engine's clock on by `ms` and lets a round it starts run to its end (5 real seconds at most). */
  async function later(client: Client, ms: number): Promise<void> {
    const ended = roundEnded(client.engine);
    vi.advanceTimersByTime(ms);
    await Promise.race([ended, new Promise((resolve) => realSetTimeout(resolve, 5_000))]);
    await settle();
  }

  it('keeps one event stream per device when enrolment ends while the schedule starts', async () => {
    const client = newClient(server, 'Ani');
    // start() reads the stored enrolment; here that read waits until enrol() has stored one and
    // returned, the order a page load and a quick enrolment can take in a browser.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const store = new Proxy(client.store, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'transaction' && typeof value === 'function') {
          return async (...args: unknown[]) => {
            if (first) {
              first = false;
              await gate;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const open: AbortSignal[] = [];
    const engine = new SyncEngine({
      store,
      lock: localLock(),
      watch: (_enrolment, _event, _onConnection, signal) => {
        open.push(signal);
      },
      transportFor: (_url, token) => directTransport(server, token),
    });
    engine.start();
    const enrolled = await engine.enrol({ serverUrl: SERVER_URL, code: await kec.code('witness'), deviceName: 'Laptop Ani', actor: 'Ani' });
    expect(enrolled.ok).toBe(true);
    release();
    await settle();
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open.filter((s) => !s.aborted)).toHaveLength(1);
    engine.stop();
    expect(open.filter((s) => !s.aborted)).toHaveLength(0);
  });

  it('a server event during a running pull brings the change within a second, not at the next poll', async () => {
    const { chair } = kec;
    const witness = await browserOf('Saksi 02', 'witness', 'pull', async (event) => {
      // The chair's figure lands after the witness's pull was answered; the stream says so.
      await type(chair, TPS1, 'PPWP', { 'votes.1': 120 });
      await syncOk(chair);
      event();
    });
    try {
      await firstRound(witness);
      // The page it stored was answered before the chair's change.
      expect(await localTally(witness, TPS1, 'PPWP')).toBeNull();
      await later(witness, 1_000);
      expect((await localTally(witness, TPS1, 'PPWP'))?.votes).toMatchObject({ '1': 120 });
    } finally {
      witness.engine.stop();
    }
  });

  it('a form typed while a round is ending is sent after the pause for typing, not at the next poll', async () => {
    const ketua: { client: (Client & { watching: () => boolean }) | null } = { client: null };
    const second = await browserOf('Wakil', 'chair', 'pushAudit', async () => {
      // Typed on this laptop while its audit chain is on the way: the app kicks the engine.
      await type(ketua.client!, TPS1, 'PPWP', { 'votes.2': 77 });
      ketua.client!.engine.kick('write');
    });
    ketua.client = second;
    try {
      await type(second, TPS1, 'PPWP', { 'votes.1': 120 });
      await firstRound(second);
      expect((await serverTally(server, `${TPS1}:PPWP`))?.version).toBe(1);
      expect((await second.store.counts()).pending).toBe(1);
      await later(second, 2_000);
      expect((await second.store.counts()).pending).toBe(0);
      expect((await serverTally(server, `${TPS1}:PPWP`))?.version).toBe(2);
    } finally {
      second.engine.stop();
    }
  });
});
