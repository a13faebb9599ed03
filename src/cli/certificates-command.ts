import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadOrCreateLogKey, logKeyPath } from '../crypto/log-key.ts';
import { openCertificate } from '../domain/certificates/open-certificate.ts';
import { parseVerifierKey, signerFromSeed, verifierKey } from '../domain/log/note.ts';
import { UsageError, type Command } from './command.ts';

const USAGE = `tuidang certificates verify FILE [--key VERIFIER_KEY]

Certificates for real-name declarants (docs/certificates.md).

  verify   Checks a certificate offline: FILE is a saved certificate page
           (HTML) or its signed note as text. The signature must be the
           registry's: give its verifier key with --key (\`tuidang log key\`
           prints it; the transparency page shows it), or run it where the
           data directory holds the registry's key. Prints what the
           certificate says; exits 1 if it is not genuine. Whether it has
           been revoked since only the verification page can say.`;

export const certificatesCommand: Command = {
  usage: USAGE,
  async run(args, { config, io }) {
    const { values, positionals } = parseArgs({ args, options: { key: { type: 'string' } }, allowPositionals: true, strict: true });
    const [sub, file, ...extra] = positionals;
    if (sub !== 'verify' || !file || extra.length > 0) throw new UsageError(USAGE.split('\n\n')[0]!);
    let keyText = values.key;
    // The operator's own key: read only, never made here (a new key would verify nothing).
    if (!keyText && existsSync(logKeyPath(config.dataDir)))
      keyText = verifierKey(signerFromSeed(config.logOrigin, loadOrCreateLogKey(config.dataDir).seed));
    if (!keyText) throw new UsageError('give the verifier key with --key (`tuidang log key` prints it; the transparency page shows it)');
    const verifier = parseVerifierKey(keyText);
    if (!verifier) throw new UsageError(`not a verifier key: ${keyText}`);
    const opened = openCertificate(await readFile(file, 'utf8'), verifier);
    if ('error' in opened) {
      io.err(`CERTIFICATE REJECTED: ${opened.error}`);
      return 1;
    }
    const { facts } = opened;
    io.out(`Certificate ${facts.number}: signature verified (${verifier.name}).`);
    io.out(`Name: ${facts.name}`);
    io.out(`Organisations: ${facts.orgs.join(', ')}`);
    io.out(`Issued on: ${facts.issuedOn}`);
    io.out('Whether it has been revoked since, only the verification page can say.');
    return 0;
  },
};
