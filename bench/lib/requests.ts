import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request as wrk replays it (see wrk/scenario.lua). */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  contentType?: string;
  body?: string;
}

const directory = mkdtempSync(join(tmpdir(), 'tuidang-bench-'));
let written = 0;

export function requestsFile(requests: BenchRequest[]): string {
  const file = join(directory, `requests-${++written}.tsv`);
  writeFileSync(file, `${requests.map((r) => [r.method, r.path, r.contentType ?? '', r.body ?? ''].join('\t')).join('\n')}\n`);
  return file;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['明', '华', '平', '安', '福', '康', '德', '善', '正', '清', '光', '新', '自', '由', '真', '诚'];
const REGIONS = ['北京', '上海', '广东', '四川', '河南', '山东', '湖北', '辽宁'];
const ORGS = [['party'], ['league'], ['pioneers'], ['league', 'pioneers'], ['party', 'league', 'pioneers']];

/** Varied, valid declarations, as submitters would send them. */
function declarationInputs(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const names = [`${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + 1) % GIVEN.length]}`];
    if (i % 5 === 0) names.push(`${SURNAMES[(i + 3) % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`);
    return {
      names,
      orgs: ORGS[i % ORGS.length]!,
      title: i % 3 === 0 ? '三退声明' : '退出中共相关组织',
      region: REGIONS[i % REGIONS.length]!,
      statement: i % 4 === 0 ? '认清真相，声明退出，远离邪恶，平安自由。' : undefined,
    };
  });
}

export function jsonPosts(path: string, count: number): BenchRequest[] {
  return declarationInputs(count).map((input) => ({ method: 'POST', path, contentType: 'application/json', body: JSON.stringify(input) }));
}

export function formPosts(path: string, count: number): BenchRequest[] {
  return declarationInputs(count).map((input) => {
    const form = new URLSearchParams();
    form.set('names', input.names.join('\n'));
    for (const org of input.orgs) form.append('orgs', org);
    form.set('title', input.title);
    form.set('region', input.region);
    if (input.statement) form.set('statement', input.statement);
    form.set('behalf', 'self');
    form.set('consent', 'yes');
    return { method: 'POST', path, contentType: 'application/x-www-form-urlencoded', body: form.toString() };
  });
}

export function gets(paths: string[]): BenchRequest[] {
  return paths.map((path) => ({ method: 'GET', path }));
}
