/**
 * Run by crash.test.ts in its own process, which it kills with SIGKILL: commits transaction after
 * transaction on the state folder given, each writing the same forms with votes.1 = its number
 * and the checkpoint = its number. Prints `running` after the first commit. With `--hang`, the
 * second transaction stops half-way (its writes made, never committed) and prints `hanging`.
 */
import { emptyTally, setFigure } from '../../../src/domain/tally/fields.ts';
import { DesaCodeSchema, tpsCode } from '../../../src/domain/codes/codes.ts';
import { writeLocal } from '../../../src/sync/localWrite.ts';
import { SqliteSyncStore } from '../../../src/sync/node/sqliteStore.ts';
import { SETUP } from '../../db/fixtures.ts';

const FORMS = 20;
const [dir, mode] = process.argv.slice(2);
const store = await SqliteSyncStore.open(dir!);
const forms = (n: number) => Array.from({ length: FORMS }, (_, i) => setFigure({ ...emptyTally(tpsCode(DesaCodeSchema.parse('3509082001'), i + 1), SETUP.contests[0]!), status: 'draft' }, 'votes.1', n % 1000));

for (let n = 1; ; n++) {
  await store.transaction(async (tx) => {
    for (const form of forms(n)) await writeLocal(tx, form, 'cli', null);
    await tx.setMeta('checkpoint', n);
    if (mode === '--hang' && n === 2) {
      process.stdout.write('hanging\n');
      await new Promise(() => undefined);
    }
  });
  if (n === 1) process.stdout.write('running\n');
}
