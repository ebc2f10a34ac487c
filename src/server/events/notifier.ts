type Listener = (seq: number) => void;

/** Carries a feed move to the other server processes sharing the database (pgFeedChannel.ts). */
export interface FeedRelay {
  announce(kecamatan: string, seq: number): void;
}

/**
 * Tells open event streams of a kecamatan that its change feed moved. `publish` is for writes made
 * by this process: its streams hear at once, and the relay (PostgreSQL NOTIFY) tells the other
 * processes, whose channel `deliver`s it to their streams. Streams also re-read the last seq from
 * the storage now and then, which covers a notification lost while a channel reconnects.
 */
export class Notifier {
  private readonly listeners = new Map<string, Set<Listener>>();
  private relay: FeedRelay | null = null;

  /** From now on, every publish is also announced through `relay` (null: this process only). */
  relayTo(relay: FeedRelay | null): void {
    this.relay = relay;
  }

  subscribe(kecamatan: string, listener: Listener): () => void {
    let set = this.listeners.get(kecamatan);
    if (!set) {
      set = new Set();
      this.listeners.set(kecamatan, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(kecamatan);
    };
  }

  /** A write of this process committed: its streams, then the other processes. */
  publish(kecamatan: string, seq: number): void {
    this.deliver(kecamatan, seq);
    this.relay?.announce(kecamatan, seq);
  }

  /** A feed move heard from another process: this process's streams only (never relayed again). */
  deliver(kecamatan: string, seq: number): void {
    for (const listener of this.listeners.get(kecamatan) ?? []) listener(seq);
  }

  count(kecamatan: string): number {
    return this.listeners.get(kecamatan)?.size ?? 0;
  }
}
