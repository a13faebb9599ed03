/**
 * Inlined and allowed by its hash in the CSP (policy.ts): one request per page, nothing from elsewhere.
 * Written into each page as is (layout.tsx), so it must never contain '<'; the
 * page tests check that the CSP hash matches the sheet as served.
 * Colours are variables (short names: the sheet is in every page) so a dark system setting swaps them in one place.
 */
export const STYLES = `
:root{--f:#1d232a;--b:#f7f5f0;--p:#fff;--l:#e2ddd3;--m:#555d66;--a:#8a1c1c;--o:#fff;--e:#a40000;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--f:#e6e1d8;--b:#16191c;--p:#1f2428;--l:#3a4047;--m:#a7aeb6;--a:#f0a093;--o:#16191c;--e:#ff8a80}svg[role=img]{background:#f7f5f0}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC,sans-serif;color:var(--f);background:var(--b)}
a{color:var(--a)}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.35rem 1.25rem;padding:.75rem 1rem .5rem;border-bottom:1px solid var(--l)}
.brand{font-weight:700;font-size:1.15rem;color:var(--a);text-decoration:none}
nav{display:flex;gap:.25rem 1rem;flex-wrap:wrap}
nav a{text-decoration:none}
header nav{order:2;flex-basis:100%;font-size:.95rem}
.langs{order:1;margin-left:auto;display:flex;gap:.6rem;font-size:.9rem}
.langs [aria-current]{font-weight:700;color:inherit;text-decoration:none}
main{padding:1rem 1rem 2rem}
h1{font-size:1.6rem;line-height:1.3;margin:.75rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.05rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0}
.button,button{display:inline-block;font:inherit;padding:.6rem 1.1rem;border-radius:.4rem;border:1px solid var(--a);background:var(--a);color:var(--o);text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:var(--p);color:var(--a)}
button.chip{padding:.3rem .75rem;margin:.2rem;background:var(--p);color:var(--f);border-color:var(--m)}
.safety{background:#f0c04024;border:1px solid #d0a03a66;border-radius:.4rem;padding:.5rem 1rem;margin:1.25rem 0;font-size:.95rem}
.safety h2{font-size:1rem;margin:.25rem 0}
.safety ul{margin:.25rem 0;padding-left:1.25rem}
form .field{margin:1rem 0}
label,legend{font-weight:600;display:block}
fieldset{border:1px solid var(--l);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0;background:var(--p)}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:baseline;margin:.3rem 0}
input[type=text],input[type=email],input[type=number],input:not([type]),textarea{width:100%;font:inherit;padding:.5rem;border:1px solid var(--m);border-radius:.3rem;background:var(--p);color:var(--f)}
textarea{min-height:7rem}
select{max-width:100%}
.hint{color:var(--m);font-size:.9rem;margin:.2rem 0}
.error{color:var(--e);font-weight:600;margin:.2rem 0}
.errors{border:2px solid var(--e);border-radius:.4rem;padding:.5rem 1rem;background:var(--p)}
.errors:focus{outline:3px solid var(--a)}
:focus-visible,input[type=date]:focus{outline:2px solid var(--a);outline-offset:1px}
[aria-invalid=true]{border-color:var(--e)}
.warning{border-left:4px solid #d08700;padding-left:.75rem}
.secret,.pair{background:var(--p);border:1px dashed var(--a);border-radius:.4rem;padding:.4rem .75rem;user-select:all;overflow-x:auto}
.secret,.pair b{font:600 1.35rem/1.5 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.03em;white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{color:var(--m)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.statement{white-space:pre-wrap;background:var(--p);border:1px solid var(--l);border-radius:.4rem;padding:.75rem 1rem}
.status{font-weight:700}
.offscreen{position:absolute;left:-999em}
.counter{background:var(--p);border:1px solid var(--l);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}
.counter h2{margin-top:.25rem}
.total{margin:.25rem 0}
#counter-total{font-size:2.4rem;font-weight:800;color:var(--a)}
progress{width:12rem;max-width:100%;vertical-align:middle}
.chart{overflow-x:auto}
.chart svg{min-width:40rem;direction:ltr}
.latest{direction:rtl}
footer{border-top:1px solid var(--l);padding-top:.75rem;padding-bottom:2rem;font-size:.85rem;color:var(--m)}
footer nav{gap:.4rem 1rem;margin:.25rem 0 .5rem}
.address{word-break:break-all}
@media (max-width:40rem){header{gap:.2rem .75rem;font-size:.9rem;line-height:1.45}header nav{gap:.1rem .75rem;font-size:inherit}.langs{gap:.45rem;font-size:.82rem}.brand{font-size:1.05rem}h1{font-size:1.35rem}.secret,.pair b{font-size:1.15rem}}
@media print{:root{--f:#000;--b:#fff;--p:#fff;--a:#000}header nav,.langs,footer,.actions,.safety,.no-print{display:none}}
`
  .replace(/\n/g, '')
  .trim();

/**
 * The printed certificate's sheet (public/certificates): a second inline sheet on that page alone,
 * allowed by its own hash, so every other page stays within its weight.
 */
export const CERTIFICATE_STYLES = `
.certificate{border:3px double var(--a);border-radius:.4rem;padding:1.25rem 1.5rem;margin:1rem auto;text-align:center;max-width:40rem}
.certificate h1{font-size:1.8rem;letter-spacing:.12em;margin:.25rem 0 1rem}
.certificate-issuer{color:var(--m);letter-spacing:.1em;margin:0}
.certificate-name{font-size:1.8rem;font-weight:700;margin:.4rem 0;overflow-wrap:anywhere}
.certificate dl.facts{text-align:start;margin:1rem auto;max-width:24rem}
.certificate-check{display:flex;gap:1rem;align-items:center;justify-content:center;text-align:start;font-size:.85rem;overflow-wrap:anywhere}
.certificate-check img{flex:none;width:96px;height:96px;background:#fff}
.certificate-note{font-size:.6rem;line-height:1.3;text-align:start;white-space:pre-wrap;overflow-wrap:anywhere;color:var(--m);margin:.5rem 0 0}
@page{margin:14mm}
@media print{.certificate{border-color:#000;margin:0 auto;break-inside:avoid}}
`
  .replace(/\n/g, '')
  .trim();
