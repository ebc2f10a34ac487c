import { text, type LocalizedText } from '../domain/common/text.ts';
import { unexpectedErrorText } from '../domain/errors/index.ts';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff.ts';
import { enrol, type EnrolInput, type TransportFor } from './enrol.ts';
import { httpTransport } from './http.ts';
import { defaultLock, type SyncLock } from './lock.ts';
import { emptyPullReport, pullAll, type PullReport } from './pull.ts';
import { emptyPushReport, pushAll, type PushReport } from './push.ts';
import { emptyAuditPushReport, pushAudit, type AuditPushReport } from './pushAudit.ts';
import type { Enrolment, SyncStore } from './store.ts';
import { TransportError, type Transport, type TransportFailure } from './transport.ts';
import type { Result } from '../domain/common/result.ts';

export type RoundOutcome =
  | { kind: 'synced'; push: PushReport; pull: PullReport; audit: AuditPushReport }
  /** Another tab (holding the sync lock) is syncing the same outbox. */
  | { kind: 'busy' }
  | { kind: 'not-enrolled' }
  | { kind: 'failed'; failure: TransportFailure; push: PushReport; pull: PullReport; audit: AuditPushReport };

/** What the engine itself knows (the counts live in the store, shared by every tab). */
export interface EngineState {
  phase: 'idle' | 'syncing' | 'waiting';
  /** Did the last request reach the server? null before the first one. */
  reachable: boolean | null;
  lastError: LocalizedText | null;
  /** When the next retry after a failure is due (phase 'waiting'). */
  retryAt: number | null;
  /** Failed rounds in a row (drives the backoff). */
  failures: number;
  /** The server's change stream is open (pulls come as soon as something changes). */
  live: boolean;
  lastOutcome: RoundOutcome | null;
}

export interface EngineOptions {
  store: SyncStore;
  transportFor?: TransportFor;
  lock?: SyncLock;
  random?: () => number;
  batchSize?: number;
  pageSize?: number;
  /** Pull this often when no change stream is open. */
  pollMs?: number;
  /** Retry timing after failures (default 1 s doubling to 5 min). */
  backoff?: { baseMs: number; capMs: number };
  /** Opens the server's change stream (browser); absent: polling only (Node). */
  watch?: (enrolment: Enrolment, onEvent: () => void, onConnection: (open: boolean) => void, signal: AbortSignal) => void;
}

const WRITE_DEBOUNCE_MS = 1_500;
const BUSY_RETRY_MS = 5_000;

/**
 * The client sync engine (no React): enrolment, rounds of push → pull → push under the sync lock,
 * and — once started — a schedule: soon after local writes, on server events, on reconnection,
 * periodically, and after failures with exponential backoff and jitter.
 */
export class SyncEngine {
  private state: EngineState = { phase: 'idle', reachable: null, lastError: null, retryAt: null, failures: 0, live: false, lastOutcome: null };
  private readonly listeners = new Set<() => void>();
  private running: Promise<RoundOutcome> | null = null;
  private again = false;
  /** The next round's timer: when it is due, and whether it is a write's pause (which a later write moves). */
  private timer: { handle: ReturnType<typeof setTimeout>; due: number; pause: boolean } | null = null;
  private started: AbortController | null = null;
  private readonly lock: SyncLock;
  private readonly transportFor: TransportFor;

  constructor(private readonly options: EngineOptions) {
    this.lock = options.lock ?? defaultLock();
    this.transportFor = options.transportFor ?? ((serverUrl, token) => httpTransport({ serverUrl, token }));
  }

  get store(): SyncStore {
    return this.options.store;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): EngineState => this.state;

  private set(patch: Partial<EngineState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  async enrol(input: EnrolInput): Promise<Result<Enrolment, LocalizedText>> {
    const result = await enrol(this.options.store, this.transportFor, input);
    if (result.ok && this.started) {
      this.openWatch(result.value);
      this.schedule(0);
    }
    return result;
  }

  /** A person has seen the audit alarm (issue 14): cleared, and the next answer becomes the receipt. */
  async acknowledgeAuditAlarm(): Promise<void> {
    await this.options.store.transaction(async (tx) => {
      await tx.setMeta('auditAlarm', null);
      await tx.setMeta('auditReceipt', null);
    });
  }

  /** A person asks to send a refused audit chain again (e.g. after the server was restored). */
  async retryAudit(): Promise<RoundOutcome> {
    await this.options.store.transaction((tx) => tx.setMeta('auditRefused', null));
    return this.syncNow();
  }

  /** A transport for this device's server (e.g. the chair issuing codes); null when not enrolled. */
  async transport(): Promise<Transport | null> {
    const enrolment = await this.options.store.transaction((tx) => tx.getMeta('enrolment'));
    return enrolment ? this.transportFor(enrolment.serverUrl, enrolment.token) : null;
  }

  /** One round now (joins a round already running, and repeats it once if asked meanwhile). */
  syncNow(): Promise<RoundOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let outcome: RoundOutcome;
      do {
        this.again = false;
        outcome = await this.round();
      } while (this.again && outcome.kind === 'synced');
      return outcome;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<RoundOutcome> {
    const { store } = this.options;
    const enrolment = await store.transaction((tx) => tx.getMeta('enrolment'));
    if (!enrolment) return { kind: 'not-enrolled' };
    const result = await this.lock.tryRun(async (): Promise<RoundOutcome> => {
      this.set({ phase: 'syncing' });
      const transport = this.transportFor(enrolment.serverUrl, enrolment.token);
      const push = emptyPushReport();
      const pull = emptyPullReport();
      const audit = emptyAuditPushReport();
      const pushCtx = { store, transport, ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}) };
      // Photo bytes before the records that name them, and after a pull the ones this device lacks
      // (docs/sync.md, blobs); a photo that fails is tried again next round, the records go anyway.
      const blobs = store.photos && transport.putBlob && transport.getBlob ? { source: store.photos, transport: { putBlob: transport.putBlob, getBlob: transport.getBlob } } : null;
      try {
        if (blobs) await blobs.source.upload(blobs.transport);
        await pushAll(pushCtx, push);
        await pullAll({ store, transport, ...(this.options.pageSize ? { pageSize: this.options.pageSize } : {}) }, pull);
        if (blobs) await blobs.source.download(blobs.transport);
        // Sealed before the last push: every entry sent below then describes an op already sent
        // (each change and its op are written together), as the server expects (issue 14).
        const sealed = store.audit ? await store.audit.seal() : null;
        // Ops a pull unblocked, or written while this round ran (and the photos they name).
        if (blobs) await blobs.source.upload(blobs.transport);
        await pushAll(pushCtx, push);
        // The audit chain last, up to what was sealed: entries written since go next round.
        await pushAudit({ store, transport, upTo: sealed?.seq ?? null }, audit);
        await store.transaction(async (tx) => {
          await tx.setMeta('lastSyncAt', new Date().toISOString());
          await tx.setMeta('lastError', null);
        });
        const outcome: RoundOutcome = { kind: 'synced', push, pull, audit };
        this.set({ phase: 'idle', reachable: true, lastError: null, failures: 0, retryAt: null, lastOutcome: outcome });
        return outcome;
      } catch (error) {
        if (!(error instanceof TransportError)) {
          this.set({ phase: 'idle' });
          throw error;
        }
        await store.transaction((tx) => tx.setMeta('lastError', error.failure.message));
        const outcome: RoundOutcome = { kind: 'failed', failure: error.failure, push, pull, audit };
        this.set({ phase: 'idle', reachable: error.failure.kind !== 'network', lastError: error.failure.message, failures: this.state.failures + 1, lastOutcome: outcome });
        return outcome;
      }
    });
    return result.ran ? result.value : { kind: 'busy' };
  }

  /** Starts the schedule (browser). Rounds run until stop(). */
  start(): void {
    if (this.started) return;
    this.started = new AbortController();
    void this.options.store.transaction((tx) => tx.getMeta('enrolment')).then((enrolment) => {
      if (enrolment && this.started) this.openWatch(enrolment);
    });
    this.schedule(0);
  }

  stop(): void {
    this.started?.abort();
    this.started = null;
    this.watching = null;
    if (this.timer) clearTimeout(this.timer.handle);
    this.timer = null;
    this.set({ live: false });
  }

  /**
   * Something happened: a local write (sent after a short pause, so a form being typed goes as
   * one op), a server event, or the network came back (then any backoff is skipped).
   */
  kick(reason: 'write' | 'event' | 'online'): void {
    if (!this.started) return;
    if (reason === 'online') {
      this.set({ failures: 0, retryAt: null });
      this.schedule(0, 'replace');
      return;
    }
    // During a backoff the server is known to be unreachable: wait for the retry.
    if (this.state.retryAt !== null && this.state.retryAt > Date.now()) return;
    if (reason === 'write') this.schedule(WRITE_DEBOUNCE_MS, 'pause');
    else this.schedule(0);
  }

  /**
   * Sets when the next round runs. By default (`sooner`) a wake-up already due earlier is kept:
   * the poll set at the end of a round must not push back an event or a write that came while
   * the round ran (it did: such a write then waited for the poll, 5 minutes with the stream open,
   * and other devices kept a finalised form as verified; docs/sync.md "When a round runs"). `pause`: a
   * write's pause for typing, which the next write moves on. `replace`: a backoff after a
   * failure, or the network coming back, decides alone.
   */
  private schedule(delayMs: number, mode: 'sooner' | 'pause' | 'replace' = 'sooner'): void {
    if (!this.started) return;
    // The monotonic clock: a laptop's clock set right during the day must not reorder wake-ups.
    const due = performance.now() + delayMs;
    if (this.timer) {
      const keep = mode === 'sooner' || (mode === 'pause' && !this.timer.pause) ? this.timer.due <= due : false;
      if (keep) return;
      clearTimeout(this.timer.handle);
    }
    const handle = setTimeout(() => {
      this.timer = null;
      void this.syncNow().then(
        (outcome) => this.afterRound(outcome),
        (error: unknown) => this.afterUnexpected(error),
      );
    }, delayMs);
    this.timer = { handle, due, pause: mode === 'pause' };
  }

  private afterRound(outcome: RoundOutcome): void {
    if (!this.started) return;
    const poll = this.options.pollMs ?? 30_000;
    switch (outcome.kind) {
      case 'failed': {
        const delay = this.backoffFor(this.state.failures - 1);
        this.set({ phase: 'waiting', retryAt: Date.now() + delay });
        this.schedule(delay, 'replace');
        return;
      }
      case 'busy':
        this.schedule(BUSY_RETRY_MS);
        return;
      case 'not-enrolled':
        return;
      case 'synced':
        // With the change stream open, polling is only a safety net.
        this.schedule(this.state.live ? poll * 10 : poll);
        return;
      default: {
        const never: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
  }

  private backoffFor(attempt: number): number {
    const { baseMs, capMs } = this.options.backoff ?? { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS };
    return backoffDelay(attempt, this.options.random, baseMs, capMs);
  }

  /** A bug, not the network: shown like a failure (never swallowed), retried with backoff. */
  private afterUnexpected(error: unknown): void {
    // Worded, not the library's English (a SyntaxError, a TypeError): the detail stays in the English text.
    const detail = unexpectedErrorText(error);
    const failures = this.state.failures + 1;
    const delay = this.backoffFor(failures - 1);
    this.set({ phase: 'waiting', failures, retryAt: Date.now() + delay, lastError: text(`Galat internal sinkronisasi: ${detail.id}`, `Internal sync error: ${detail.en}`) });
    if (this.started) this.schedule(delay, 'replace');
  }

  /** The open event stream's own switch (null: none open). */
  private watching: AbortController | null = null;

  /**
   * One event stream per device: a new one closes the one before. start() reads the stored
   * enrolment asynchronously, so an enrol() that ends meanwhile would otherwise open a second
   * stream (every change arriving twice, two of the server's few streams per device taken).
   */
  private openWatch(enrolment: Enrolment): void {
    if (!this.options.watch || !this.started) return;
    this.watching?.abort();
    const watching = new AbortController();
    this.watching = watching;
    this.options.watch(enrolment, () => this.kick('event'), (open) => this.set({ live: open }), AbortSignal.any([this.started.signal, watching.signal]));
  }
}
