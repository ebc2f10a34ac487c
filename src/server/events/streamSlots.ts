/**
 * Open event streams per device, so that one token cannot hold an unbounded number of
 * connections (docs/sync.md, "The protocol"). In memory: each server process counts its own streams,
 * so with several processes behind a load balancer a device may hold up to the cap on each.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** A slot for `device`, and the function that frees it (once, however often it is called); null when the device holds `max` already. */
  take(device: string): (() => void) | null {
    const held = this.open.get(device) ?? 0;
    if (held >= this.max) return null;
    this.open.set(device, held + 1);
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const left = (this.open.get(device) ?? 1) - 1;
      if (left > 0) this.open.set(device, left);
      else this.open.delete(device);
    };
  }

  held(device: string): number {
    return this.open.get(device) ?? 0;
  }
}
