import { openNote, type NoteVerifier } from '../log/note.ts';
import { certificateNoteIn, parseCertificateText, type CertificateFacts } from './certificate.ts';

/** A certificate file checked against the registry's verifier key, with no network: its facts, or why not. */
export function openCertificate(file: string, verifier: NoteVerifier): { facts: CertificateFacts } | { error: string } {
  const note = certificateNoteIn(file);
  if (!note) return { error: 'no certificate found in the file' };
  const opened = openNote(note, verifier);
  if ('error' in opened) return opened;
  const facts = parseCertificateText(opened.text);
  return facts ? { facts } : { error: 'the signed text is not a certificate' };
}
