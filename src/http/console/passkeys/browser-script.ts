/**
 * The console's only script: passkeys need the browser's WebAuthn API. It
 * enhances buttons marked data-passkey, which stay hidden without JavaScript
 * (TOTP codes then remain the way in). Served from this site, with the nonce.
 */
export const PASSKEY_SCRIPT = `(() => {
  if (!window.PublicKeyCredential) return;
  const toBytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const post = (url, fields) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields), redirect: 'follow' });
  const serialize = (credential) => {
    const r = credential.response;
    const response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) { response.attestationObject = toText(r.attestationObject); response.transports = r.getTransports ? r.getTransports() : []; }
    if (r.authenticatorData) { response.authenticatorData = toText(r.authenticatorData); response.signature = toText(r.signature); if (r.userHandle) response.userHandle = toText(r.userHandle); }
    return JSON.stringify({ id: credential.id, rawId: toText(credential.rawId), type: credential.type, response, clientExtensionResults: credential.getClientExtensionResults(), authenticatorAttachment: credential.authenticatorAttachment || undefined });
  };
  for (const button of document.querySelectorAll('[data-passkey]')) {
    button.hidden = false;
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      const form = button.closest('form');
      const csrf = form.querySelector('[name=_csrf]').value;
      const status = document.getElementById('passkey-status');
      try {
        const options = await (await post(button.dataset.options, { _csrf: csrf })).json();
        let credential;
        if (button.dataset.passkey === 'register') {
          options.challenge = toBytes(options.challenge);
          options.user.id = toBytes(options.user.id);
          options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
          credential = await navigator.credentials.create({ publicKey: options });
        } else {
          options.challenge = toBytes(options.challenge);
          options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
          credential = await navigator.credentials.get({ publicKey: options });
        }
        form.querySelector('[name=credential]').value = serialize(credential);
        form.submit();
      } catch (error) {
        if (status) status.hidden = false;
      }
    });
  }
})();`;
