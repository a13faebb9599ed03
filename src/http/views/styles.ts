/**
 * Inlined and allowed by its hash in the CSP (policy.ts): one request per page, nothing from elsewhere.
 * Written into each page as is (layout.tsx), so it must never contain '<'; the
 * page tests check that the CSP hash matches the sheet as served.
 * Colours are variables so a dark system setting (prefers-color-scheme) swaps them in one place.
 */
export const STYLES = `
:root{--fg:#1d232a;--bg:#f7f5f0;--panel:#fff;--line:#e2ddd3;--field:#b9b2a5;--muted:#555d66;--accent:#8a1c1c;--on-accent:#fff;--bad:#a40000;--note:#fff8e1;--note-line:#ead9a4;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6e1d8;--bg:#16191c;--panel:#1f2428;--line:#3a4047;--field:#6b7279;--muted:#a7aeb6;--accent:#f0a093;--on-accent:#16191c;--bad:#ff8a80;--note:#2c2717;--note-line:#5c4d22}svg[role=img]{background:#f7f5f0;border-radius:.3rem}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.35rem 1.25rem;padding-top:.75rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.15rem;color:var(--accent);text-decoration:none}
nav{display:flex;gap:.25rem 1rem;flex-wrap:wrap}
nav a{text-decoration:none}
.langs{margin-left:auto;display:flex;gap:.6rem;font-size:.9rem}
.langs [aria-current]{font-weight:700;color:inherit;text-decoration:none}
header .langs{order:1}header nav{order:2;flex-basis:100%;gap:.2rem .85rem;font-size:.95rem}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.3;margin:.75rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.05rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0}
.button,button{display:inline-block;font:inherit;padding:.6rem 1.1rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:var(--on-accent);text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:var(--panel);color:var(--accent)}
button.chip{padding:.3rem .75rem;margin:.2rem;background:var(--panel);color:var(--fg);border-color:var(--field)}
.safety{background:var(--note);border:1px solid var(--note-line);border-radius:.4rem;padding:.5rem 1rem;margin:1.25rem 0;font-size:.95rem}
.safety h2{font-size:1rem;margin:.25rem 0}
.safety ul{margin:.25rem 0;padding-left:1.25rem}
form .field{margin:1rem 0}
label,legend{font-weight:600;display:block}
fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0;background:var(--panel)}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:baseline;margin:.3rem 0}
input[type=text],input[type=email],input[type=number],input[type=url],input:not([type]),textarea{width:100%;font:inherit;padding:.5rem;border:1px solid var(--field);border-radius:.3rem;background:var(--panel);color:var(--fg)}
textarea{min-height:7rem}
.hint{color:var(--muted);font-size:.9rem;margin:.2rem 0}
.error{color:var(--bad);font-weight:600;margin:.2rem 0}
.errors{border:2px solid var(--bad);border-radius:.4rem;padding:.5rem 1rem;background:var(--panel)}
.errors:focus{outline:3px solid var(--accent);outline-offset:2px}
[aria-invalid=true]{border-color:var(--bad)}
.warning{border-left:4px solid #d08700;padding-left:.75rem}
.secret,.receipt-pair .value{font:600 1.35rem/1.5 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.03em;white-space:nowrap}
@media (max-width:26rem){.secret,.receipt-pair .value{font-size:1.15rem}}
.secret{background:var(--panel);border:1px dashed var(--accent);border-radius:.4rem;padding:.5rem .75rem;user-select:all;overflow-x:auto}
.receipt-pair{background:var(--panel);border:1px dashed var(--accent);border-radius:.4rem;padding:.25rem .75rem;user-select:all;overflow-x:auto}
.receipt-pair p{margin:.35rem 0}
.receipt-pair .label{display:block;color:var(--muted);font-size:.9rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.statement{white-space:pre-wrap;background:var(--panel);border:1px solid var(--line);border-radius:.4rem;padding:.75rem 1rem}
.status{font-weight:700}
.offscreen{position:absolute;left:-999em}
.counter{background:var(--panel);border:1px solid var(--line);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}
.counter h2{margin-top:.25rem}
.total{margin:.25rem 0}
#counter-total{font-size:2.4rem;font-weight:800;color:var(--accent)}
progress{width:12rem;max-width:100%;vertical-align:middle}
.chart{overflow-x:auto}
.chart svg{min-width:40rem}
.chart.latest{direction:rtl}.chart.latest svg{direction:ltr}
footer{border-top:1px solid var(--line);padding-top:.75rem;padding-bottom:2rem;font-size:.85rem;color:var(--muted)}
footer nav{gap:.4rem 1rem;margin:.25rem 0 .5rem}
.address{word-break:break-all}
input.copy{font:.9rem ui-monospace,Menlo,Consolas,monospace}
@media (max-width:40rem){header{gap:.2rem .75rem;font-size:.9rem;line-height:1.45}header .langs{gap:.45rem;font-size:.82rem}header nav{gap:.1rem .75rem;font-size:inherit}.brand{font-size:1.05rem}h1{font-size:1.35rem}}
@media print{body{background:#fff;color:#000;font-size:12pt}header nav,.langs,footer,.actions,.safety,.no-print{display:none}header{border:0}a{color:#000}.secret,.receipt-pair{border:1px solid #000;background:#fff}}
`
  .replace(/\n/g, '')
  .trim();
