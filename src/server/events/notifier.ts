type Listener = (seq: number) => void;

/**
 * Tells open event streams of a kecamatan that its change feed moved. In-process only: streams
 * also re-read the last seq from the storage now and then, which covers writes by other server
 * processes sharing one PostgreSQL.
 */
export class Notifier {
  private readonly listeners = new Map<string, Set<Listener>>();

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

  publish(kecamatan: string, seq: number): void {
    for (const listener of this.listeners.get(kecamatan) ?? []) listener(seq);
  }

  count(kecamatan: string): number {
    return this.listeners.get(kecamatan)?.size ?? 0;
  }
}
