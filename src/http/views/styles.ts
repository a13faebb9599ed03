/**
 * Inlined and allowed by its hash in the CSP (policy.ts): one request per page, nothing from elsewhere.
 * Written into each page as is (layout.tsx), so it must never contain '<'; the
 * page tests check that the CSP hash matches the sheet as served.
 */
export const STYLES = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC,sans-serif;color:#1d232a;background:#f7f5f0}
a{color:#8a1c1c}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 1.25rem;padding-top:1rem;padding-bottom:.75rem;border-bottom:1px solid #e2ddd3}
.brand{font-weight:700;font-size:1.15rem;color:#8a1c1c;text-decoration:none}
nav{display:flex;gap:1rem;flex-wrap:wrap}
nav a{text-decoration:none}
.langs{margin-left:auto;display:flex;gap:.6rem;font-size:.9rem}
.langs [aria-current]{font-weight:700;color:inherit;text-decoration:none}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.3;margin:.75rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.05rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0}
.button,button{display:inline-block;font:inherit;padding:.6rem 1.1rem;border-radius:.4rem;border:1px solid #8a1c1c;background:#8a1c1c;color:#fff;text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:#fff;color:#8a1c1c}
button.chip{padding:.3rem .75rem;margin:.2rem;background:#fff;color:#1d232a;border-color:#c9c2b5}
.safety{background:#fff8e1;border:1px solid #ead9a4;border-radius:.4rem;padding:.5rem 1rem;margin:1.25rem 0;font-size:.95rem}
.safety h2{font-size:1rem;margin:.25rem 0}
.safety ul{margin:.25rem 0;padding-left:1.25rem}
form .field{margin:1rem 0}
label,legend{font-weight:600;display:block}
fieldset{border:1px solid #e2ddd3;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0;background:#fff}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:baseline;margin:.3rem 0}
input[type=text],input[type=email],input[type=number],input:not([type]),textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #b9b2a5;border-radius:.3rem;background:#fff}
textarea{min-height:7rem}
.hint{color:#555d66;font-size:.9rem;margin:.2rem 0}
.error{color:#a40000;font-weight:600;margin:.2rem 0}
.errors{border:2px solid #a40000;border-radius:.4rem;padding:.5rem 1rem;background:#fff}
[aria-invalid=true]{border-color:#a40000}
.warning{border-left:4px solid #d08700;padding-left:.75rem}
.secret{font:600 1.35rem/1.5 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;background:#fff;border:1px dashed #8a1c1c;border-radius:.4rem;padding:.5rem .75rem;user-select:all;word-break:break-all}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{color:#555d66}
dl.facts dd{margin:0}
.statement{white-space:pre-wrap;background:#fff;border:1px solid #e2ddd3;border-radius:.4rem;padding:.75rem 1rem}
.status{font-weight:700}
.offscreen{position:absolute;left:-999em}
.counter{background:#fff;border:1px solid #e2ddd3;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}
.counter h2{margin-top:.25rem}
.total{margin:.25rem 0}
#counter-total{font-size:2.4rem;font-weight:800;color:#8a1c1c}
progress{width:12rem;vertical-align:middle}
footer{border-top:1px solid #e2ddd3;padding-top:.75rem;padding-bottom:2rem;font-size:.85rem;color:#555d66}
footer nav{gap:.4rem 1rem;margin:.25rem 0 .5rem}
.address{word-break:break-all}
`
  .replace(/\n/g, '')
  .trim();
