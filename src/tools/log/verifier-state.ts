import { readFile, rename, writeFile } from 'node:fs/promises';

/** What `tuidang log verify --state FILE` keeps between runs: the key it trusts and the last checkpoint it accepted. */
export interface VerifierState {
  key: string;
  checkpoint: string;
}

export async function readVerifierState(path: string): Promise<VerifierState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const state = JSON.parse(text) as Partial<VerifierState>;
  if (typeof state.key !== 'string' || typeof state.checkpoint !== 'string') throw new Error(`${path} is not a verifier state file`);
  return { key: state.key, checkpoint: state.checkpoint };
}

/** Written beside and renamed over, so an interrupted run leaves the old state whole. */
export async function writeVerifierState(path: string, state: VerifierState): Promise<void> {
  await writeFile(`${path}.new`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.new`, path);
}
