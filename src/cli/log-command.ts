import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../composition.ts';
import { createNextLogKey, promoteNextLogKey } from '../crypto/log-key.ts';
import { parseCheckpointNote } from '../domain/log/checkpoint.ts';
import { parseVerifierKey } from '../domain/log/note.ts';
import { openLogSource } from '../tools/log/log-source.ts';
import { readVerifierState, writeVerifierState } from '../tools/log/verifier-state.ts';
import { LogRejected, verifyLog } from '../tools/log/verify-log.ts';
import type { Config } from '../config.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

const USAGE = `tuidang log key [--rotate | --finish-rotation]
tuidang log publish
tuidang log mirror --out DIR
tuidang log verify --url URL_OR_DIR [--key VERIFIER_KEY] [--state FILE]
tuidang log index-tiles [--verify]

The transparency log (docs/transparency.md).

  key      Prints the verifier key: give it to anyone who checks the log.
           During a key rotation, the next key on a second line.
           --rotate begins a rotation: makes the next key, and from then on
           (the latest checkpoint at once) signs each checkpoint with both;
           restart the servers so they sign with both too.
           --finish-rotation ends it: the next key replaces the old one,
           which is deleted, and the latest checkpoint is signed again with
           the new key alone.
  publish  Appends every published change not yet in the log now, in shuffled
           batches, each with a signed checkpoint (the service does it every
           TUIDANG_LOG_BATCH_MINUTES minutes).
  mirror   Writes the latest checkpoint and every tile under DIR, as files any
           static host can serve (DIR/checkpoint, DIR/tile/...).
  verify   Fetches the checkpoint and tiles from the service (its address), a
           mirror's address or a mirror directory, checks the signature,
           every entry and tile against the root, and consistency with the
           checkpoint saved in --state; prints the verified totals and saves
           the new checkpoint. Exits 1 on any mismatch. Needs the verifier key,
           from --key or from the state file of an earlier run.
  index-tiles
           Stores the inner nodes of every full hash tile that has none, which
           make a proof of a leaf never read before cheap: a log built before
           they existed has none. Resumable: stop it at any time and run it
           again. With --verify, checks the stored nodes against the tiles
           instead, and exits 1 if any differ.`;

async function withServices<T>(
  config: Parameters<typeof createServices>[0],
  run: (services: Awaited<ReturnType<typeof createServices>>['services']) => Promise<T>,
) {
  const { services, close } = await createServices(config);
  try {
    return await run(services);
  } finally {
    await close();
  }
}

/**
 * A key rotation (docs/transparency.md, "Rotation"): begun, checkpoints carry a signature of each key,
 * so verifiers holding the old one keep working while they move to the new; finished, the old key is
 * gone. Either way the latest checkpoint is signed again at once with the keys now held.
 */
async function rotateKey(config: Config, io: CommandIo, step: 'begin' | 'finish') {
  if (step === 'begin' && !createNextLogKey(config.dataDir))
    throw new UsageError('a key rotation is already under way: finish it with `tuidang log key --finish-rotation`');
  if (step === 'finish' && !promoteNextLogKey(config.dataDir))
    throw new UsageError('no key rotation is under way: begin one with `tuidang log key --rotate`');
  return withServices(config, async (services) => {
    await services.log.resign(step === 'begin' ? 'begun' : 'finished');
    if (step === 'begin') {
      io.out(services.log.nextVerifierKey!);
      io.err(
        'log key: checkpoints are now signed with the old key and this new one. Publish the new verifier key, restart the servers, and run `tuidang log key --finish-rotation` once verifiers have moved to it.',
      );
    } else {
      io.out(services.log.verifierKey);
      io.err('log key: the rotation is finished; checkpoints are signed with this key alone.');
    }
    return 0;
  });
}

/** `log index-tiles`: fills in the tiles' inner nodes, or with `verify` checks them, reporting as it goes. */
async function indexTileNodes(log: Awaited<ReturnType<typeof createServices>>['services']['log'], io: CommandIo, verify: boolean) {
  const started = performance.now();
  const report = ({ done, total }: { done: number; total: number }) =>
    io.err(
      `log index-tiles: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} tiles ${verify ? 'checked' : 'indexed'} · ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  if (!verify) {
    const { indexed } = await log.indexTiles(report);
    io.out(`Indexed ${indexed} tiles.`);
    return 0;
  }
  const { checked, mismatched, lacking } = await log.verifyTileNodes(report);
  for (const tile of mismatched) io.err(`TILE NODES REJECTED: tile ${tile.level}/${tile.index} differs from its stored nodes`);
  io.out(`Checked the nodes of ${checked} tiles: ${mismatched.length} differ; ${lacking} full tiles have none yet.`);
  return mismatched.length === 0 ? 0 : 1;
}

export const logCommand: Command = {
  usage: USAGE,
  async run(args, { config, io }) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        out: { type: 'string' },
        url: { type: 'string' },
        key: { type: 'string' },
        state: { type: 'string' },
        rotate: { type: 'boolean' },
        verify: { type: 'boolean' },
        'finish-rotation': { type: 'boolean' },
      },
      strict: true,
    });
    if (sub === 'key' && rest.length === 0) {
      return withServices(config, async (services) => {
        io.out(services.log.verifierKey);
        if (services.log.nextVerifierKey) io.out(services.log.nextVerifierKey);
        return 0;
      });
    }
    if (sub === 'key' && rest.length === 1 && (values.rotate || values['finish-rotation'])) {
      return rotateKey(config, io, values.rotate ? 'begin' : 'finish');
    }
    if (sub === 'publish' && rest.length === 0) {
      return withServices(config, async (services) => {
        const started = performance.now();
        const done = await services.log.publish(({ entries, size, taken, queued }) => {
          const seconds = (performance.now() - started) / 1000;
          io.err(
            `log: ${taken.toLocaleString('en')} / ${queued.toLocaleString('en')} queued changes (${Math.floor((100 * taken) / queued)}%), ` +
              `${entries.toLocaleString('en')} entries appended, ${size.toLocaleString('en')} leaves · ${seconds.toFixed(1)} s · ` +
              `${Math.round(entries / seconds).toLocaleString('en')} entries/s`,
          );
        });
        io.out(`Log published: ${done.entries} new entries, ${done.size} leaves.`);
        return 0;
      });
    }
    if (sub === 'index-tiles' && (rest.length === 0 || (rest.length === 1 && values.verify))) {
      return withServices(config, (services) => indexTileNodes(services.log, io, values.verify === true));
    }
    if (sub === 'mirror' && values.out) {
      const out = values.out;
      return withServices(config, async (services) => {
        const checkpoint = await services.log.checkpoint();
        let files = 0;
        for await (const file of services.log.files(checkpoint.size)) {
          await mkdir(dirname(join(out, file.path)), { recursive: true });
          await writeFile(join(out, file.path), file.data);
          if (++files % 10_000 === 0) io.err(`log mirror: ${files} tiles written`);
        }
        // The checkpoint last, through a rename: a mirror updated in place never names tiles it lacks.
        await writeFile(join(out, 'checkpoint.new'), checkpoint.note);
        await rename(join(out, 'checkpoint.new'), join(out, 'checkpoint'));
        io.out(`Mirrored ${checkpoint.size} leaves (${files} tiles) to ${out}.`);
        return 0;
      });
    }
    if (sub === 'verify' && values.url) {
      const state = values.state ? await readVerifierState(values.state) : undefined;
      const keyText = values.key ?? state?.key;
      if (!keyText) throw new UsageError('give the verifier key with --key (`tuidang log key` prints it; the transparency page shows it)');
      if (values.key && state && state.key !== values.key)
        throw new UsageError(`--key differs from the key in ${values.state}: after a key rotation, start a new state file`);
      const verifier = parseVerifierKey(keyText);
      if (!verifier) throw new UsageError(`not a verifier key: ${keyText}`);
      const earlier = state ? parseCheckpointNote(state.checkpoint) : undefined;
      if (earlier && 'error' in earlier) throw new UsageError(`the checkpoint in ${values.state} is unreadable: ${earlier.error}`);
      try {
        const source = await openLogSource(values.url);
        const verified = await verifyLog(source, verifier, earlier, (leaves, size) => io.err(`log verify: ${leaves} of ${size} leaves`));
        const { totals, checkpoint } = verified;
        io.out(`Checkpoint verified: ${checkpoint.origin}, ${checkpoint.size} leaves, root ${checkpoint.root.toString('base64')}`);
        if (earlier) io.out(`Consistent with the checkpoint saved before (${earlier.size} leaves).`);
        io.out(`People in statements held here: ${totals.people}`);
        io.out(`Statements: ${totals.posts} (${totals.declared} declared, ${totals.withdrawn} withdrawn)`);
        io.out(
          `By organisation: party ${totals.organisations.party}, league ${totals.organisations.league}, pioneers ${totals.organisations.pioneers}`,
        );
        io.out(
          `People carried over from the previous registry: ${totals.carriedOver} (${totals.carriedDays} days, ${totals.carriedEntries} carried entries)`,
        );
        io.out(`Verified total: ${totals.people + totals.carriedOver}`);
        if (values.state) await writeVerifierState(values.state, { key: keyText, checkpoint: verified.note });
        return 0;
      } catch (error) {
        if (!(error instanceof LogRejected)) throw error;
        io.err(`LOG REJECTED: ${error.message}`);
        return 1;
      }
    }
    throw new UsageError(USAGE.split('\n\n')[0]!);
  },
};
