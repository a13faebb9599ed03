import { formatRegistrationNumber } from '../../../../domain/declaration/registration-number.ts';
import { readerTitle } from '../../../../i18n/declaration-title.ts';
import { catalogFor, type Locale } from '../../../../i18n/index.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import { zonedDate } from '../../../../i18n/zoned-time.ts';
import type { PublishedDeclaration } from '../../../../services/declaration-service.ts';
import type { PermalinkProof } from '../../../../services/log/log-service.ts';
import { transparencyMessages } from '../../transparency/messages.ts';
import { escapeHtml as e } from '../../../views/escape-html.ts';
import { inPageShell } from '../../../views/page-shell.tsx';

/**
 * A statement's permalink page, as template strings: a permalink never read before is rendered once per
 * request, and hono's JSX cost about a tenth of a millisecond for it (docs/performance.md, "Permalinks
 * never read before"). The page around it is the public layout's shell (views/page-shell.tsx), shared with
 * the archive's pages.
 */

/** A statement's leaf in the transparency log, on its permalink: enough to check it by hand. */
function logProofHtml(locale: Locale, registrationNumber: string, proof: PermalinkProof | undefined): string {
  const m = transparencyMessages(locale).permalink;
  const shown = proof
    ? `<dl class="facts"><dt>${e(m.leaf)}</dt><dd>${proof.leafIndex}</dd><dt>${e(m.salt)}</dt><dd><code>${e(proof.salt)}</code></dd>` +
      `<dt>${e(m.checkpoint)}</dt><dd>${e(m.checkpointValue(proof.checkpoint.size, proof.checkpoint.root))}</dd></dl>` +
      `<p>${e(m.record)}</p><pre>${e(proof.record)}</pre><p>${e(m.proof)}</p><pre>${e(proof.proof.join('\n'))}</pre><p>${e(m.explain)}</p>`
    : `<p>${e(m.pending)}</p>`;
  return (
    `<section><h2>${e(m.heading)}</h2>${shown}<p><a href="/api/v1/declarations/${e(registrationNumber)}/proof">${e(m.latest)}</a>` +
    ` · <a href="/${e(locale)}/transparency">${e(m.how)}</a></p></section>`
  );
}

export interface DeclarationPageInput {
  locale: Locale;
  declaration: PublishedDeclaration;
  timeZone: string;
  publicUrl: string;
  /** Its leaf in the transparency log; undefined until a batch has logged it. */
  proof?: PermalinkProof | undefined;
}

/** The whole page, `<!doctype html>` first. */
export function declarationPageHtml({ locale, declaration, timeZone, publicUrl, proof }: DeclarationPageInput): string {
  const t = catalogFor(locale);
  const d = t.declaration;
  const script = (text: string) => inReaderScript(text, locale);
  const names = declaration.names.map(script).join(t.form.orgsJoiner);
  const title = readerTitle(declaration, locale);
  const path = `/declarations/${declaration.registrationNumber}`;
  const link = `${publicUrl.replace(/\/+$/, '')}/${locale}${path}`;
  const region = declaration.region ? `<dt>${e(d.regionLabel)}</dt><dd>${e(script(declaration.region))}</dd>` : '';
  const statement = declaration.statement ? `<div class="statement">${e(script(declaration.statement))}</div>` : '';
  const main =
    `<article><h1>${e(title)}</h1><dl class="facts">` +
    `<dt>${e(d.namesLabel)}</dt><dd id="names">${e(d.andOthers(names, declaration.headcount - declaration.names.length, declaration.headcount))}</dd>` +
    `<dt>${e(d.orgsLabel)}</dt><dd>${e(declaration.orgs.map((org) => t.form.orgs[org]).join(t.form.orgsJoiner))}</dd>` +
    `<dt>${e(d.peopleLabel)}</dt><dd>${e(d.people(declaration.headcount))}</dd>${region}` +
    `<dt>${e(d.publishedLabel)}</dt><dd><time datetime="${e(declaration.publishedAt.toISOString())}">${e(zonedDate(declaration.publishedAt, t, timeZone))}</time></dd>` +
    `<dt>${e(d.numberLabel)}</dt><dd>${e(formatRegistrationNumber(declaration.registrationNumber))}</dd></dl>` +
    `<p>${e(d.behalf[declaration.behalf])}</p>${statement}` +
    // The address to share, in a field a long press or a tap selects whole: no script needed to copy it.
    `<div class="field"><label for="permalink">${e(d.linkLabel)}</label><input id="permalink" type="text" readonly="" value="${e(link)}"/></div>` +
    `</article>${logProofHtml(locale, declaration.registrationNumber, proof)}`;
  return inPageShell(locale, { title, path, main });
}
