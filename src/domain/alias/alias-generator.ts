import { randomInt } from 'node:crypto';

/**
 * Suggested aliases (化名) for people who declare on the registry.
 *
 * The characters are curated rather than drawn from all of Han: every one is
 * common, easy to write and carries a good meaning (peace, light, virtue,
 * fortune, spring, wisdom, goodness), and none sounds like 死 (death). Some
 * combinations still read badly, as funeral wording, as Party slogans (a
 * cruel alias for someone leaving the Party) or as something to be teased
 * about, so those pairs are listed in BAD_PAIRINGS and never offered.
 */

export const FIRST_CHARACTERS: readonly string[] = Object.freeze([
  ...'安福明嘉瑞祥德善慧光清文静雅永新春晨诚仁志博宏佳美欣悦晓玉兰心正东红天海云鸿泽富吉喜惠秀立恩家俊泰',
]);

export const SECOND_CHARACTERS: readonly string[] = Object.freeze([
  ...'平宁康安和乐怡华明辉阳星晴春霞颖荣强信东红兴德慧善祥瑞福文清静雅欣悦心博然逸馨琳婷涵宇轩杰峰嘉佳翔',
]);

// A few of these cannot be drawn from today's lists (福寿, 建国, 爱党 …); they
// stay so that adding a character to a list cannot quietly let them through.
export const BAD_PAIRINGS: ReadonlySet<string> = new Set([
  // Funeral and death wording.
  '福寿', // written on coffins and burial clothes
  '安息', // "rest in peace"
  '永安', // a common cemetery name
  '安乐', // reads as 安乐死, euthanasia
  '清明', // the tomb-sweeping festival
  // Party, state and Mao-era terms.
  '红星',
  '红心', // 一颗红心向着党
  '永红',
  '东方', // 东方红
  '卫东', // "defend Mao Zedong"
  '泽东',
  '建国',
  '国庆',
  '爱党',
  '向党',
  '忠党',
  '新华', // the state news agency
  '光荣', // 伟大光荣正确的党
  '天安', // 天安门
  '红安', // the "county of generals" of the Red Army
  '嘉兴', // where the Party was founded
  // Slogans from the "core socialist values".
  '富强',
  '文明',
  '诚信',
  // Words that would invite teasing.
  '春心', // 春心荡漾, amorous longing
]);

const MIN_SUGGESTIONS = 1;
const MAX_SUGGESTIONS = 24;

// Han characters (two to twelve in all), optionally one middle dot between
// two parts, as in transliterated minority names such as 阿依古丽·买买提.
const HAN_ALIAS = /^\p{Script=Han}{2,12}$/u;
const MIDDLE_DOT = '\u00B7';

export function isHanAlias(value: string): boolean {
  const parts = value.split(MIDDLE_DOT);
  if (parts.length > 2 || parts.includes('')) return false;
  return HAN_ALIAS.test(parts.join(''));
}

function pick(characters: readonly string[], random: (maxExclusive: number) => number): string {
  const character = characters[random(characters.length)];
  if (character === undefined) throw new RangeError('random source returned an index out of range');
  return character;
}

/**
 * Returns `count` (clamped to 1..24) distinct two-character aliases. The
 * default random source is crypto.randomInt so that nobody can predict which
 * aliases a declarant was offered.
 */
export function suggestAliases(
  count: number,
  random: (maxExclusive: number) => number = (maxExclusive) => randomInt(maxExclusive),
): string[] {
  const wanted = Math.min(MAX_SUGGESTIONS, Math.max(MIN_SUGGESTIONS, Math.floor(count) || MIN_SUGGESTIONS));
  const chosen = new Set<string>();
  while (chosen.size < wanted) {
    const first = pick(FIRST_CHARACTERS, random);
    // Drawing the second character only among those that fit keeps every
    // draw useful: no retry loop, even with a poor injected random source.
    const seconds = SECOND_CHARACTERS.filter(
      (second) => second !== first && !BAD_PAIRINGS.has(first + second) && !chosen.has(first + second),
    );
    chosen.add(first + pick(seconds, random));
  }
  return [...chosen];
}
