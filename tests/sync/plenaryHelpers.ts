import type { Op, OpResult } from '../../src/api/index.ts';
import { DesaCodeSchema, tpsCode, type TpsCode } from '../../src/domain/codes/codes.ts';
import type { ObjectionDraft } from '../../src/domain/objections/index.ts';
import { tallyKey, type TallyKey } from '../../src/domain/tally/tally.ts';
import { markEntered, setFigures, verifyReadback } from '../../src/db/index.ts';
import type { Transport } from '../../src/sync/index.ts';
import { CLEAN_PPWP } from '../db/fixtures.ts';
import { votesFor } from '../db/plenary-fixtures.ts';
import type { Client } from './realServer.ts';

/** BAGON: 17 TPS in the Puger demo, taken by panel 1 on day 1 of the schedule. */
export const BAGON = DesaCodeSchema.parse('3509082007');
export const BAGON_TPS: TpsCode[] = Array.from({ length: 17 }, (_, i) => tpsCode(BAGON, i + 1));
export const BAGON_KEYS: TallyKey[] = BAGON_TPS.map((tps) => tallyKey({ tps, contest: 'PPWP' }));
export const BAGON_FINALISATION = `${BAGON}:PPWP`;

/**
 * A complete, check-clean PPWP form of the Puger demo (every cell of its paper order: 3 pairs),
 * with votes that differ per `variant` so that the TPS of a desa are no W05 duplicates.
 */
export function cleanPpwp(variant: number): Record<string, number> {
  return { ...CLEAN_PPWP, ...votesFor(variant) };
}

/** Types a whole form in one write (setFigures), through the device's workflow. */
export async function enterForm(client: Client, tps: TpsCode, variant: number, reason: string | null = null) {
  return setFigures(client.db, {
    tps,
    contest: 'PPWP',
    changes: Object.entries(cleanPpwp(variant)).map(([path, value]) => ({ path, value })),
    actor: client.name,
    reason,
  });
}

/** Types, marks entered (the device's person) and verifies by read-back (`verifier`): throws when refused. */
export async function enterAndVerify(client: Client, tps: TpsCode, variant: number, verifier: string): Promise<void> {
  const key = tallyKey({ tps, contest: 'PPWP' });
  const typed = await enterForm(client, tps, variant);
  if (!typed.ok) throw new Error(`${client.name} typing ${key}: ${typed.error.kind}`);
  const entered = await markEntered(client.db, key, client.name, []);
  if (!entered.ok) throw new Error(`${client.name} markEntered ${key}: ${entered.error.kind}`);
  const verified = await verifyReadback(client.db, key, verifier);
  if (!verified.ok) throw new Error(`${verifier} verifying ${key}: ${verified.error.kind}`);
}

/** A witness's objection about one TPS's PPWP form. */
export const witnessObjection = (tps: TpsCode, name = 'Saksi'): ObjectionDraft => ({
  kind: 'objection',
  scope: { level: 'tps', tps },
  contest: 'PPWP',
  raisedBy: { role: 'witness', of: { kind: 'pair', number: 1 }, name },
  description: 'Perolehan suara paslon 1 di C.Hasil berbeda dengan salinan saksi.',
});

/** Every op a client pushed and the server's answer to it (answers that reached the client). */
export interface Answered {
  op: Op;
  result: OpResult;
}

/** Keeps the server's answers to a client's pushes (`answers`), on top of its current network. */
export function recordAnswers(client: Client): Answered[] {
  const answers: Answered[] = [];
  const wrapOnce = client.network.wrap;
  client.network.wrap = (t: Transport): Transport => {
    const inner = wrapOnce(t);
    return {
      ...inner,
      push: async (ops) => {
        const response = await inner.push(ops);
        for (const result of response.results) {
          const op = ops.ops.find((o) => o.opId === result.opId);
          if (op) answers.push({ op, result });
        }
        return response;
      },
    };
  };
  return answers;
}
