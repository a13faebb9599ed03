/** The passkeys script (browser-script.ts), loaded with the page's nonce. */
export function PasskeyScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} src="/console/assets/passkeys.js" defer />;
}
