/** An integer in [0, n) from the platform's cryptographic source (positions nobody can predict). */
export function cryptoRandomInt(maxExclusive: number): number {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  // 2^32 is a multiple of 16, so for the 16 hash groups (and 15) the bias is nil or negligible.
  return buffer[0]! % maxExclusive;
}
