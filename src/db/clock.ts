/** One place for "now", so tests can move time with vi.setSystemTime. */
export const nowIso = (): string => new Date().toISOString();
