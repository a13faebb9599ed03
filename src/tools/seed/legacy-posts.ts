import { luhnCheckDigit } from '../../domain/declaration/registration-number.ts';
import { seededRandom } from './seed-generator.ts';

/**
 * A synthetic export of the previous site's archive (docs/history.md, part B), for trials of
 * `tuidang history import-posts` and its benchmark: posts with legacy ids in increasing order, their
 * 16-digit numbers, published times spread evenly over [from, until] (Beijing time, to the second),
 * text in simplified and traditional script, some posts without a title or a statement, some featured,
 * some with the editor's feedback and a query password; and, every `hostileEvery` lines, a line the
 * import must refuse (hostile markup in a name, direction controls, a broken line, a bad check digit).
 */
export interface LegacyPostsPlan {
  posts: number;
  from: string;
  until: string;
  seed?: number;
  format: 'jsonl' | 'csv';
  /** A refused line every this many; 0 for none. */
  hostileEvery?: number;
  /** The first post's legacy id (1000 unless given): a second export takes ids of its own. */
  firstId?: number;
}

const NAMES = ['明德', '安宁', '志遠', '國華', '秀英', '建國', '淑芬', '文傑', '海燕', '振東', '麗華', '子涵', '春生', '曉光'];
const TITLES = ['退党声明', '退團聲明', '三退声明', '退出少先隊', '全家三退', '声明退出共青团', '聲明退黨', null];
const REGIONS = ['北京', '上海', '廣東', '四川', '黑龍江', '湖南', '海外', null];
const STATEMENTS = [
  '我自愿退出中共及其相关组织。',
  '認清了真相，聲明退出少先隊，抹去獸印。',
  '为了家人的平安，我们全家声明三退。',
  '年輕時入了團，今天聲明退出，願中國早日自由。',
  null,
  null,
];
const ORGS = [['party'], ['league'], ['pioneers'], ['league', 'pioneers'], ['party', 'league', 'pioneers'], ['party', 'league']];
const FEEDBACK = ['編輯：已核實，謝謝您的聲明。', '编辑：声明已收到。'];
const PASSWORD_SYMBOLS = 'abcdefghjkmnpqrstuvwxyz23456789';

const COLUMNS = [
  'id',
  'number',
  'published',
  'title',
  'names',
  'headcount',
  'orgs',
  'region',
  'statement',
  'featured',
  'feedback',
  'password',
];

/** The number of post `id`: increasing with the id, so unique, and with its Luhn digit. */
export function legacyNumber(id: number, jitter: number): string {
  const body = String(1e14 + id * 1000 + jitter);
  return body + luhnCheckDigit(body);
}

/** Beijing time, as the old site wrote it (no zone: the import reads it in the counting zone, or with +08:00). */
function beijing(at: number): string {
  return `${new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')}+08:00`;
}

const csvCell = (value: unknown) => {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The hostile lines, in turn: each breaks one rule the form holds. */
const HOSTILE: ((post: Record<string, unknown>) => Record<string, unknown> | string)[] = [
  (post) => ({ ...post, names: '<script>alert(1)</script>' }),
  (post) => ({ ...post, title: '退党\u202E声明' }),
  (post) => `{"id": ${post.id}, "number": "${post.number}", "names": "未完`,
  (post) => ({ ...post, number: `${String(post.number).slice(0, 15)}${(Number(String(post.number).at(-1)) + 1) % 10}` }),
  (post) => ({ ...post, statement: '控制\u0007字符' }),
  (post) => ({ ...post, names: '明德、明德' }),
];

/** The export's lines, header first for CSV, each with its line break. */
export function* legacyPostLines(plan: LegacyPostsPlan): Generator<string> {
  const random = seededRandom(plan.seed ?? 20041203);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const start = Date.parse(`${plan.from}T00:00:00+08:00`);
  const end = Date.parse(`${plan.until}T23:59:59+08:00`);
  const step = (end - start) / Math.max(plan.posts, 1);
  if (plan.format === 'csv') yield `${COLUMNS.join(',')}\n`;
  let hostile = 0;
  for (let index = 0; index < plan.posts; index++) {
    const id = (plan.firstId ?? 1000) + index;
    const count = 1 + (random() < 0.2 ? 1 + int(2) : 0);
    const first = int(NAMES.length);
    const names = Array.from({ length: count }, (_, i) => NAMES[(first + i * 3) % NAMES.length]!);
    const post: Record<string, unknown> = {
      id,
      number: legacyNumber(id, int(1000)),
      published: beijing(Math.floor(start + index * step + random() * step * 0.9)),
      title: pick(TITLES),
      names: names.join('、'),
      headcount: count + (random() < 0.1 ? int(4) : 0),
      orgs: pick(ORGS),
      region: pick(REGIONS),
      statement: pick(STATEMENTS),
      featured: random() < 0.02,
      feedback: random() < 0.05 ? pick(FEEDBACK) : null,
      password: random() < 0.7 ? Array.from({ length: 8 }, () => pick([...PASSWORD_SYMBOLS])).join('') : null,
    };
    const isHostile = plan.hostileEvery ? index % plan.hostileEvery === plan.hostileEvery - 1 : false;
    const shaped = isHostile ? HOSTILE[hostile++ % HOSTILE.length]!(post) : post;
    if (typeof shaped === 'string') yield `${shaped}\n`;
    else if (plan.format === 'jsonl') yield `${JSON.stringify(shaped)}\n`;
    else yield `${COLUMNS.map((column) => csvCell(shaped[column])).join(',')}\n`;
  }
}
