import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { openCheckpoint, parseCheckpointNote, signCheckpoint } from '../log/checkpoint.ts';
import { parseVerifierKey, signerFromSeed, verifierKey } from '../log/note.ts';
import { auditHeadLine, findAuditHead } from './anchor-line.ts';

const hash = 'ab'.repeat(32);

describe('the audit head as a checkpoint extension line', () => {
  it('is written and read back, and refused when malformed', () => {
    assert.equal(auditHeadLine({ id: 42, hash }), `tuidang-audit-head 42 ${hash}`);
    assert.deepEqual(findAuditHead(['other', auditHeadLine({ id: 42, hash })]), { id: 42, hash });
    assert.equal(findAuditHead(undefined), null);
    assert.equal(findAuditHead(['something else']), null);
    for (const line of [
      'tuidang-audit-head',
      `tuidang-audit-head 042 ${hash}`,
      'tuidang-audit-head 1 abc',
      `tuidang-audit-head 1 ${hash} x`,
    ]) {
      assert.equal(findAuditHead([line]), 'malformed', line);
    }
  });

  it('rides in a signed checkpoint after the root, signed with it, and only there', () => {
    const signer = signerFromSeed('example.org/log', randomBytes(32));
    const verifier = parseVerifierKey(verifierKey(signer))!;
    const root = randomBytes(32);
    const line = auditHeadLine({ id: 7, hash });
    const note = signCheckpoint({ origin: signer.name, size: 3, root, extensions: [line] }, signer);
    assert.equal(note.split('\n\n')[0], `example.org/log\n3\n${root.toString('base64')}\n${line}`);
    assert.deepEqual(openCheckpoint(note, verifier), { origin: signer.name, size: 3, root, extensions: [line] });
    // Without extension lines, a checkpoint reads as before: no extensions key at all.
    assert.deepEqual(parseCheckpointNote(signCheckpoint({ origin: signer.name, size: 3, root }, signer)), {
      origin: signer.name,
      size: 3,
      root,
    });
    // Another head in place of the signed one breaks the signature.
    const forged = note.replace(line, auditHeadLine({ id: 6, hash }));
    assert.ok('error' in openCheckpoint(forged, verifier));
    for (const bad of ['', 'two\nlines']) {
      assert.throws(() => signCheckpoint({ origin: signer.name, size: 3, root, extensions: [bad] }, signer), RangeError);
    }
  });
});
