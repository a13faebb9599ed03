import { Hono } from 'hono';
import type { FieldError } from '../../../domain/declaration/declaration-input.ts';
import type { ErrorCode, Locale } from '../../../i18n/index.ts';
import {
  SEARCH_FIELDS,
  SEARCH_MODES,
  type ArchivePage,
  type ArchiveService,
  type SearchField,
  type SearchMode,
  type SearchOutcome,
} from '../../../services/archive-service.ts';
import type { AppEnv } from '../../env.ts';
import { apiError } from '../../errors.tsx';
import { publishedDeclarationJson } from './declarations-api.ts';

const CACHE_CONTROL = 'public, max-age=30';

function archivePageJson(page: ArchivePage, locale: Locale) {
  return { items: page.items.map((item) => publishedDeclarationJson(item, locale)), next: page.next };
}

function problemField(outcome: Exclude<SearchOutcome, { ok: true }>): FieldError {
  if (outcome.problem === 'tooLong') return { code: 'text.tooLong', params: { max: outcome.limit } };
  if (outcome.problem === 'tooShort') return { code: 'text.invalid', params: { min: outcome.limit } };
  if (outcome.problem === 'characters') return { code: outcome.code, params: {} };
  return { code: 'text.required', params: {} };
}

const fieldError = (code: ErrorCode): FieldError => ({ code, params: {} });

/**
 * GET /api/v1/declarations: the archive as JSON, one list per call.
 *   (nothing)         the latest published declarations
 *   day=YYYY-MM-DD    those published on a counting day
 *   featured=1        the daily selection, newest day first
 *   q=…&field=…&mode= search (field alias | title | region; mode exact | prefix, for aliases)
 *   cursor=…          the `next` of the previous answer; an unknown one gives the first page
 * Answers {items: [...], next: cursor | null}; at most one of day, featured and q.
 */
export function archiveApi(archive: ArchiveService): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get('/api/v1/declarations', async (c) => {
    const query = c.req.query();
    const cursor = query.cursor || undefined;
    const day = query.day ?? '';
    const featured = query.featured ?? '';
    const q = query.q ?? '';

    const fields: Record<string, FieldError> = {};
    if (featured !== '' && featured !== '1' && featured !== '0') fields.featured = fieldError('text.invalid');
    const field = query.field ?? '';
    if (field !== '' && !(SEARCH_FIELDS as readonly string[]).includes(field)) fields.field = fieldError('text.invalid');
    const mode = query.mode ?? '';
    if (mode !== '' && !(SEARCH_MODES as readonly string[]).includes(mode)) fields.mode = fieldError('text.invalid');
    const chosen = [day !== '' && 'day', featured === '1' && 'featured', q !== '' && 'q'].filter((name) => name !== false);
    if (chosen.length > 1) for (const name of chosen) fields[name] = fieldError('request.invalid');
    if (Object.keys(fields).length > 0) return apiError(c, 422, 'request.invalid', fields);

    let page: ArchivePage;
    if (q !== '') {
      const outcome = await archive.search({
        q,
        field: (field || 'alias') as SearchField,
        mode: (mode || 'exact') as SearchMode,
        before: cursor,
      });
      if (!outcome.ok) return apiError(c, 422, 'request.invalid', { q: problemField(outcome) });
      page = outcome.value;
    } else if (day !== '') {
      const result = await archive.byDay(day, { before: cursor });
      if (!result.ok) return apiError(c, 422, 'request.invalid', { day: fieldError(result.error) });
      page = result.value;
    } else if (featured === '1') {
      page = await archive.featured({ before: cursor });
    } else {
      page = await archive.latest({ before: cursor });
    }
    c.header('Cache-Control', CACHE_CONTROL);
    return c.json(archivePageJson(page, c.get('locale')));
  });

  return api;
}
