import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';

/*
 * The proof of work's two scripts, served from this origin (no third-party resource on any page):
 * pow.js, loaded by the declaration form, starts pow-worker.js as soon as the page opens, so the work
 * is done while the person fills the form in; the worker tries counters until SHA-256(salt, nonce,
 * counter) gives the challenge's key, as altcha-lib's SHA-256 derivation does, and hands back
 * altcha's payload for the hidden `altcha` field. A submit before it is done waits for it (15 s at
 * most, then goes without: the lower class). Without JavaScript nothing runs and the form still works.
 * The worker carries its own SHA-256 for one 64-byte block: faster than crypto.subtle's promise per
 * hash, and it works where crypto.subtle is missing (a plain-HTTP onion address in some browsers).
 */

const POW_SCRIPT = `(function () {
  var field = document.querySelector('input[name="altcha"][data-challenge]');
  if (!field || !window.Worker) return;
  var form = field.form, done = false, submitter = null, waiting = false;
  function go() { done = true; if (waiting) { if (form.requestSubmit) form.requestSubmit(submitter || undefined); else form.submit(); } }
  var worker = new Worker('/pow-worker.js');
  worker.onmessage = function (event) { if (event.data) field.value = event.data; worker.terminate(); go(); };
  worker.onerror = function () { go(); };
  worker.postMessage(field.getAttribute('data-challenge'));
  form.addEventListener('submit', function (event) {
    var by = event.submitter;
    // The alias helper's buttons only show the form again: they need no proof.
    if (done || waiting || (by && (by.name === 'action' || by.name === 'pick'))) return;
    event.preventDefault();
    waiting = true;
    submitter = by && by.name ? by : null;
    setTimeout(function () { if (!done) { worker.terminate(); go(); } }, 15000);
  });
})();
`;

export const POW_WORKER = `(function () {
'use strict';
// Everything is local to this function: globals are slower to reach, in some engines by far.
var K = new Int32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
var H0 = new Int32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19]);
var W = new Int32Array(64);
function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
// SHA-256 of one block already padded, as 16 big-endian words; the 8 words of the hash.
function block(words) {
  for (var i = 0; i < 16; i++) W[i] = words[i];
  for (i = 16; i < 64; i++) {
    var a = W[i - 15], b = W[i - 2];
    W[i] = (W[i - 16] + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + W[i - 7] + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) | 0;
  }
  var h0 = H0[0], h1 = H0[1], h2 = H0[2], h3 = H0[3], h4 = H0[4], h5 = H0[5], h6 = H0[6], h7 = H0[7];
  for (i = 0; i < 64; i++) {
    var t1 = (h7 + (rotr(h4, 6) ^ rotr(h4, 11) ^ rotr(h4, 25)) + ((h4 & h5) ^ (~h4 & h6)) + K[i] + W[i]) | 0;
    var t2 = ((rotr(h0, 2) ^ rotr(h0, 13) ^ rotr(h0, 22)) + ((h0 & h1) ^ (h0 & h2) ^ (h1 & h2))) | 0;
    h7 = h6; h6 = h5; h5 = h4; h4 = (h3 + t1) | 0; h3 = h2; h2 = h1; h1 = h0; h0 = (t1 + t2) | 0;
  }
  return [(H0[0] + h0) >>> 0, (H0[1] + h1) >>> 0, (H0[2] + h2) >>> 0, (H0[3] + h3) >>> 0, (H0[4] + h4) >>> 0, (H0[5] + h5) >>> 0, (H0[6] + h6) >>> 0, (H0[7] + h7) >>> 0];
}
function hexWords(hex) { var out = []; for (var i = 0; i + 8 <= hex.length; i += 8) out.push(parseInt(hex.slice(i, i + 8), 16) >>> 0); return out; }
function hex(words) { var s = ''; for (var i = 0; i < words.length; i++) s += ('0000000' + words[i].toString(16)).slice(-8); return s; }
self.onmessage = function (event) {
  var answer = '';
  try {
    var challenge = JSON.parse(atob(event.data)), p = challenge.parameters;
    // altcha's SHA-256 key: one hash of salt (16 bytes), nonce (16 bytes), counter (uint32, big-endian).
    if (p.algorithm !== 'SHA-256' || p.cost !== 1 || p.salt.length !== 32 || p.nonce.length !== 32) throw new Error('unsupported');
    var words = hexWords(p.salt).concat(hexWords(p.nonce), [0, 0x80000000, 0, 0, 0, 0, 0, 36 * 8]);
    var prefix = hexWords(p.keyPrefix), max = (p.data && p.data.max) || 0xffffffff;
    for (var n = 0; n <= max; n++) {
      words[8] = n;
      var key = block(words), hit = true;
      for (var j = 0; j < prefix.length; j++) if (key[j] !== prefix[j]) { hit = false; break; }
      if (hit) { answer = btoa(JSON.stringify({ challenge: challenge, solution: { counter: n, derivedKey: hex(key).slice(0, (p.keyLength || 32) * 2) } })); break; }
    }
  } catch (e) { answer = ''; }
  self.postMessage(answer);
};
})();
`;

const A_DAY = 'public, max-age=86400';
const SCRIPT_TYPE = 'text/javascript; charset=utf-8';

export function powFileRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/pow.js', (c) => c.body(POW_SCRIPT, 200, { 'Content-Type': SCRIPT_TYPE, 'Cache-Control': A_DAY }));
  routes.get('/pow-worker.js', (c) => c.body(POW_WORKER, 200, { 'Content-Type': SCRIPT_TYPE, 'Cache-Control': A_DAY }));
  return routes;
}
