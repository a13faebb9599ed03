import { LOCALES, catalogFor, errorMessage, isLocale } from '../../../i18n/index.ts';
import { zoneName } from '../../../i18n/zoned-time.ts';
import type { ModerationService } from '../../../services/moderation/moderation-service.ts';
import { EXPORT_SCOPES, type ExportScope } from '../../../services/moderation/selection.ts';
import { readFormBody, single } from '../../form-body.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';
import { moderationMessages } from './messages.ts';
import { toCsv, toHtml, toMarkdown } from './selection-export.tsx';
import { exportDate } from './selection-labels.ts';
import { ShownTitle } from './views/parts.tsx';

/** The daily selection and the newspaper's export of a day. */
export function selectionRoutes(router: ConsoleRouter, moderation: ModerationService, timeZone: string) {
  consoleRoute(router, 'GET', '/console/selection', async (c) => {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const day = c.req.query('day') || moderation.today();
    const selection = await moderation.dailySelection(c.get('staffSession').actor, day);
    const items = selection.ok ? selection.value : [];
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.selectionTitle}>
        <p>{m.selectionIntro}</p>
        <ErrorNote message={selection.ok ? undefined : errorMessage(c.get('locale'), 'request.dayInvalid')} />
        <form method="get" action="/console/selection" class="row">
          <label>
            {props.t.zone.labelled(m.day, zoneName(props.t, timeZone))} <input name="day" type="date" value={day} />
          </label>
          <button type="submit" class="secondary">
            {m.show}
          </button>
        </form>
        {selection.ok && (
          <form method="post" action="/console/selection/export">
            <CsrfField session={c.get('staffSession')} />
            <input type="hidden" name="day" value={day} />
            <fieldset>
              <legend>{m.exportScope}</legend>
              {EXPORT_SCOPES.map((scope) => (
                <label>
                  <input type="radio" name="scope" value={scope} checked={scope === (items.length > 0 ? 'featured' : 'day')} />{' '}
                  {m.exportScopes[scope]}
                </label>
              ))}
            </fieldset>
            <p class="row">
              <label>
                {m.exportLanguage}{' '}
                <select name="language">
                  {LOCALES.map((locale) => (
                    <option value={locale} selected={locale === c.get('locale')}>
                      {m.reasonLabels[locale]}
                    </option>
                  ))}
                </select>
              </label>
              {m.exportAs}
              {(['md', 'html', 'csv'] as const).map((format) => (
                <button type="submit" name="format" value={format} class="chip">
                  {format.toUpperCase()}
                </button>
              ))}
            </p>
          </form>
        )}
        {items.length === 0 ? (
          <p>{m.selectionEmpty}</p>
        ) : (
          <ol>
            {items.map((item) => (
              <li>
                <a href={`/console/moderation/${item.registrationNumber}`}>
                  <ShownTitle item={item} locale={c.get('locale')} />
                </a>{' '}
                — {item.names.join('、')}
              </li>
            ))}
          </ol>
        )}
      </ConsoleLayout>,
      selection.ok ? 200 : 422,
    );
  });

  // A POST: an export is an audited act, so no link or prefetch may trigger it.
  consoleRoute(router, 'POST', '/console/selection/export', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const format = single(fields.format);
    if (format !== 'md' && format !== 'html' && format !== 'csv') return consoleError(c, 404, 'request.notFound');
    const day = single(fields.day).slice(0, 10);
    const scopeField = single(fields.scope) || 'featured';
    if (!(EXPORT_SCOPES as readonly string[]).includes(scopeField)) return consoleError(c, 422, 'request.invalid');
    const scope = scopeField as ExportScope;
    const languageField = single(fields.language);
    const language = isLocale(languageField) ? languageField : c.get('locale');
    const result = await moderation.exportSelection(c.get('staffSession').actor, day, format, { scope, language });
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 422, result.error);
    const words = moderationMessages(language);
    const timeZone = moderation.timeZone;
    const options = { locale: language, timeZone, heading: words.exportHeadings[scope](exportDate(day, timeZone, catalogFor(language))) };
    const [body, type] =
      format === 'md'
        ? [toMarkdown(result.value, options), 'text/markdown; charset=utf-8']
        : format === 'html'
          ? [toHtml(result.value, options), 'text/html; charset=utf-8']
          : [toCsv(result.value, { timeZone }), 'text/csv; charset=utf-8'];
    // CSV holds data, not labels: the same file whatever the language.
    const name = `${scope === 'featured' ? 'selection' : 'published'}-${day}${format === 'csv' ? '' : `.${language}`}.${format}`;
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(body);
  });
}
