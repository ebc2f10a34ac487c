import { PushResponseSchema, type Op, type PushResponse } from '../../src/api/index.ts';
import { TransportError, transportFailure, type Transport } from '../../src/sync/index.ts';

/**
 * The network between test clients and the server, misbehaving as a property test tells it
 * (tests/sync/convergence.test.ts, tests/sync/plenaryConvergence.test.ts): offline periods, and
 * pushes that are lost, answered-but-lost, duplicated or delayed (delivered later, out of order).
 */

export type Fault = 'none' | 'lose-request' | 'lose-answer' | 'duplicate' | 'delay';
export const FAULTS: readonly Fault[] = ['none', 'lose-request', 'lose-answer', 'duplicate', 'delay'];

export interface Link {
  online: boolean;
  /** Applied to the next push only. */
  fault: Fault;
}

export interface Network {
  /** One link per client, by index. */
  links: Link[];
  /** Pushes delayed in flight: delivering one lands it on the server, its answer goes nowhere. */
  delayed: (() => Promise<unknown>)[];
  /** Called with every push answer that reaches a client. */
  observe?: (ops: readonly Op[], answer: PushResponse) => void;
}

export const newNetwork = (clients: number, observe?: Network['observe']): Network => ({
  links: Array.from({ length: clients }, () => ({ online: true, fault: 'none' as Fault })),
  delayed: [],
  ...(observe ? { observe } : {}),
});

const cut = () => new TransportError(transportFailure.network('no-answer'));

/** Client `i`'s transport `t` behind its link. */
export function lossy(net: Network, i: number, t: Transport): Transport {
  const link = net.links[i]!;
  const answered = (ops: Op[], answer: unknown) => {
    const parsed = PushResponseSchema.parse(answer);
    net.observe?.(ops, parsed);
    return parsed;
  };
  return {
    ...t,
    pull: async (since, limit) => {
      if (!link.online) throw cut();
      return t.pull(since, limit);
    },
    push: async (ops) => {
      // `ops`: the whole push (ops, manifest, signature), passed on as it is.
      if (!link.online) throw cut();
      const fault = link.fault;
      link.fault = 'none';
      switch (fault) {
        case 'lose-request':
          throw cut();
        case 'lose-answer':
          await t.push(ops);
          throw cut();
        case 'duplicate':
          await t.push(ops);
          return answered(ops.ops, await t.push(ops));
        case 'delay':
          net.delayed.push(() => t.push(ops));
          throw cut();
        case 'none':
          return answered(ops.ops, await t.push(ops));
      }
    },
  };
}

/** Delivers the delayed push at `index` (modulo how many wait), if any. */
export async function deliverDelayed(net: Network, index: number): Promise<void> {
  const [delivery] = net.delayed.splice(index % Math.max(1, net.delayed.length), 1);
  // The answer of a late delivery goes nowhere: the client stopped waiting long ago.
  await delivery?.();
}

/** The network heals: every link online and clean, every delayed push delivered. */
export async function heal(net: Network): Promise<void> {
  for (const link of net.links) Object.assign(link, { online: true, fault: 'none' });
  while (net.delayed.length > 0) await net.delayed.shift()!();
}
