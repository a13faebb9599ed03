import { formatRegistrationNumber } from '../../../../domain/declaration/registration-number.ts';
import { readerTitle } from '../../../../i18n/declaration-title.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import { zonedDate } from '../../../../i18n/zoned-time.ts';
import type { PublishedDeclaration } from '../../../../services/declaration-service.ts';
import type { PermalinkProof } from '../../../../services/log/log-service.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { LogProof } from '../../transparency/views/log-proof.tsx';

export function DeclarationPage(
  props: Omit<PageProps, 'title' | 'path' | 'children'> & {
    declaration: PublishedDeclaration;
    timeZone: string;
    publicUrl: string;
    /** Its leaf in the transparency log; undefined until a batch has logged it. */
    proof?: PermalinkProof | undefined;
  },
) {
  const { t, locale, declaration } = props;
  const d = t.declaration;
  const script = (text: string) => inReaderScript(text, locale);
  const names = declaration.names.map(script).join(t.form.orgsJoiner);
  const title = readerTitle(declaration, locale);
  const path = `/declarations/${declaration.registrationNumber}`;
  const link = `${props.publicUrl.replace(/\/+$/, '')}/${locale}${path}`;
  return (
    <Layout {...props} title={title} path={path}>
      <article>
        <h1>{title}</h1>
        <dl class="facts">
          <dt>{d.namesLabel}</dt>
          <dd id="names">{d.andOthers(names, declaration.headcount - declaration.names.length, declaration.headcount)}</dd>
          <dt>{d.orgsLabel}</dt>
          <dd>{declaration.orgs.map((org) => t.form.orgs[org]).join(t.form.orgsJoiner)}</dd>
          <dt>{d.peopleLabel}</dt>
          <dd>{d.people(declaration.headcount)}</dd>
          {declaration.region && (
            <>
              <dt>{d.regionLabel}</dt>
              <dd>{script(declaration.region)}</dd>
            </>
          )}
          <dt>{d.publishedLabel}</dt>
          <dd>
            <time datetime={declaration.publishedAt.toISOString()}>{zonedDate(declaration.publishedAt, t, props.timeZone)}</time>
          </dd>
          <dt>{d.numberLabel}</dt>
          <dd>{formatRegistrationNumber(declaration.registrationNumber)}</dd>
        </dl>
        <p>{d.behalf[declaration.behalf]}</p>
        {declaration.statement && <div class="statement">{script(declaration.statement)}</div>}
        {/* The address to share, in a field a long press or a tap selects whole: no script needed to copy it. */}
        <div class="field">
          <label for="permalink">{d.linkLabel}</label>
          <input id="permalink" type="text" readonly value={link} />
        </div>
      </article>
      <LogProof locale={locale} registrationNumber={declaration.registrationNumber} proof={props.proof} />
    </Layout>
  );
}
