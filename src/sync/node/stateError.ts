import type { LocalizedText } from '../../domain/common/text.ts';

/** The state folder cannot be used as it is (damaged, locked by another process): said in words. */
export class StateError extends Error {
  constructor(readonly text: LocalizedText) {
    super(text.en);
    this.name = 'StateError';
  }
}
