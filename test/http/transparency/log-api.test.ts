import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openCheckpoint } from '../../../src/domain/log/checkpoint.ts';
import { commitment, decodeEntry, type PublicRecord } from '../../../src/domain/log/entry.ts';
import { leafHash } from '../../../src/domain/log/hash.ts';
import { parseVerifierKey } from '../../../src/domain/log/note.ts';
import { verifyConsistency, verifyInclusion } from '../../../src/domain/log/verify.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';
import { testEngines } from '../../helpers/databases.ts';
import { postJson, submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

interface ProofJson {
  registrationNumber: string;
  leafIndex: number;
  salt: string | null;
  record: string | null;
  entry: string;
  inclusionProof: string[];
  checkpoint: { size: number; root: string; note: string };
  withdrawn: { leafIndex: number; entry: string; inclusionProof: string[] } | null;
}

const bytes = (base64: string) => Buffer.from(base64, 'base64');

async function counterLog(ctx: TestContext) {
  ctx.clock.advance(1100);
  const body = (await (await ctx.app.request('/api/v1/counter')).json()) as {
    total: number;
    log: { size: number; root: string; pending: number };
  };
  return { total: body.total, ...body.log };
}

/** Checks a proof as a reader would: the signed checkpoint, the leaf in it, and the leaf's commitment to the record. */
function checkProof(ctx: TestContext, proof: ProofJson): void {
  const verifier = parseVerifierKey(ctx.services.log.verifierKey)!;
  const checkpoint = openCheckpoint(proof.checkpoint.note, verifier);
  assert.ok(!('error' in checkpoint), 'the checkpoint is signed by the log key');
  const entry = bytes(proof.entry);
  assert.ok(verifyInclusion(leafHash(entry), proof.leafIndex, checkpoint.size, proof.inclusionProof.map(bytes), checkpoint.root));
  const decoded = decodeEntry(entry);
  assert.ok(!('error' in decoded) && decoded.kind === 'declared');
  if (proof.salt !== null) {
    const fields = Object.fromEntries(
      proof
        .record!.trimEnd()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
    const record: PublicRecord = {
      registrationNumber: fields.number!,
      headcount: Number(fields.headcount),
      organisations: Number(fields.organisations),
      day: fields.day!,
      admission: fields.admission as PublicRecord['admission'],
    };
    assert.deepEqual(Buffer.from(decoded.commitment), commitment(Buffer.from(proof.salt, 'hex'), record));
  }
}

for (const engine of testEngines()) {
  describe(`transparency log API (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('publications reach the log in a batch; proofs, tiles and the counter agree; withdrawals follow', async () => {
      const empty = await (await ctx.app.request('/log/checkpoint')).text();
      assert.match(empty, /^.+\/log\n0\n47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— /);

      const family = await submitDeclaration(ctx, { names: ['明德', '安宁'], headcount: 4, orgs: ['party', 'pioneers'] });
      const single = await submitDeclaration(ctx, { names: '志远', orgs: ['league'] });
      const later = await submitDeclaration(ctx, { names: '长青', orgs: ['league'] });
      await submitDeclaration(ctx, { names: '春华', orgs: ['party'] });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [family.registrationNumber, single.registrationNumber, later.registrationNumber]);
      assert.deepEqual(await counterLog(ctx), { total: 6, size: 0, root: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', pending: 3 });
      const notYet = await ctx.app.request(`/api/v1/declarations/${family.registrationNumber}/proof`);
      assert.equal(notYet.status, 404);
      assert.equal(((await notYet.json()) as { error: { code: string } }).error.code, 'log.notLogged');

      assert.deepEqual(await ctx.services.log.publish(), { entries: 3, size: 3 });
      const logged = await counterLog(ctx);
      assert.equal(logged.size, 3);
      assert.equal(logged.pending, 0);

      const response = await ctx.app.request(`/api/v1/declarations/${family.registrationNumber}/proof`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const proof = (await response.json()) as ProofJson;
      assert.equal(proof.checkpoint.root, logged.root);
      assert.match(proof.salt!, /^[0-9a-f]{64}$/);
      const spaced = family.registrationNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
      assert.deepEqual(await (await ctx.app.request(`/api/v1/declarations/${encodeURIComponent(spaced)}/proof`)).json(), proof);
      assert.equal((await ctx.app.request('/api/v1/declarations/12ab/proof')).status, 404);
      assert.match(
        proof.record!,
        /^number=\d+\nheadcount=4\norganisations=5\nday=\d{4}-\d{2}-\d{2}\nadmission=unproven\n$/,
        'submitted without a proof of work',
      );
      checkProof(ctx, proof);

      // Tiles, as C2SP tlog-tiles lays them out; a tile's bytes never change at its path.
      const tile = await ctx.app.request('/log/tile/0/000.p/3');
      assert.equal(tile.status, 200);
      assert.equal(tile.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal((await tile.arrayBuffer()).byteLength, 96);
      assert.equal((await (await ctx.app.request('/log/tile/0/000.p/2')).arrayBuffer()).byteLength, 64);
      const bundle = Buffer.from(await (await ctx.app.request('/log/tile/entries/000.p/3')).arrayBuffer());
      assert.equal(bundle.length, 3 * (2 + 44));
      for (const path of ['/log/tile/0/000.p/4', '/log/tile/0/000', '/log/tile/0/3', '/log/tile/1/000.p/1', '/log/tile/entries/001']) {
        assert.equal((await ctx.app.request(path)).status, 404, path);
      }

      // A retraction by the declarant, a duplicate and an unpublication each withdraw a leaf.
      await postJson(ctx, '/api/v1/receipts/retract', family);
      const marked = await ctx.services.moderation.markDuplicate(SYSTEM_ACTOR, single.registrationNumber, later.registrationNumber);
      assert.ok(marked.ok, JSON.stringify(marked));
      assert.equal((await counterLog(ctx)).pending, 2);
      assert.deepEqual(await ctx.services.log.publish(), { entries: 2, size: 5 });
      const after = await counterLog(ctx);
      assert.deepEqual([after.total, after.pending, after.size], [1, 0, 5]);

      const retracted = (await (await ctx.app.request(`/api/v1/declarations/${family.registrationNumber}/proof`)).json()) as ProofJson;
      assert.equal(retracted.salt, null, 'a retraction erases the salt');
      assert.equal(retracted.record, null);
      checkProof(ctx, retracted);
      const withdrawal = decodeEntry(bytes(retracted.withdrawn!.entry));
      assert.deepEqual(withdrawal, { kind: 'withdrawn', leafIndex: retracted.leafIndex, reason: 'retracted' });
      assert.ok(
        verifyInclusion(
          leafHash(bytes(retracted.withdrawn!.entry)),
          retracted.withdrawn!.leafIndex,
          5,
          retracted.withdrawn!.inclusionProof.map(bytes),
          bytes(after.root),
        ),
      );
      const duplicate = (await (await ctx.app.request(`/api/v1/declarations/${single.registrationNumber}/proof`)).json()) as ProofJson;
      assert.deepEqual(decodeEntry(bytes(duplicate.withdrawn!.entry)), {
        kind: 'withdrawn',
        leafIndex: duplicate.leafIndex,
        reason: 'duplicate',
      });
      assert.match(duplicate.salt!, /^[0-9a-f]{64}$/, 'a duplicate keeps its salt: it was not the declarant who took it back');

      const consistency = await ctx.app.request('/api/v1/log/consistency?from=3&to=5');
      assert.equal(consistency.status, 200);
      const { proof: path } = (await consistency.json()) as { proof: string[] };
      assert.ok(verifyConsistency(3, 5, bytes(logged.root), bytes(after.root), path.map(bytes)));
      for (const query of ['from=3&to=6', 'from=4&to=3', 'from=-1&to=3', 'from=a&to=3', 'to=3', 'from=03&to=5']) {
        const bad = await ctx.app.request(`/api/v1/log/consistency?${query}`);
        assert.equal(bad.status, 400, query);
      }
      // Nothing changed since: a batch appends nothing and leaves the checkpoint alone.
      assert.deepEqual(await ctx.services.log.publish(), { entries: 0, size: 5 });
    });
  });
}
