/**
 * Details in a declaration that could lead to the person who wrote it: a phone number, a street
 * address, an ID number, or an address at a mainland mail provider (which answers to the authorities).
 * The form asks before it files such a declaration (public/declare). Only the kinds are returned,
 * never what matched, so nothing the check saw can be kept or logged by a caller.
 */
const IDENTIFYING_KINDS = ['phone', 'address', 'idNumber', 'mainlandMail'] as const;
export type IdentifyingKind = (typeof IDENTIFYING_KINDS)[number];

// Digits may be spaced or hyphenated as people write them: 138 0013 8000, 010-6512-3456.
const PHONE = [
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/u, // a mainland mobile number
  /(?<!\d)0\d{2,3}[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)/u, // a landline with its area code
  /(?<![\d+])\+\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}(?!\d)/u, // any number in international form
];
// A resident identity card number: 18 characters (17 digits and a digit or X), or the older 15 digits.
const ID_NUMBER = /(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/u;
const ADDRESS = [
  /(?:路|街|道|巷|弄|胡同|大街|大道)\s*\d{1,5}\s*[号號]/u, // 中山路 12 号
  /\d{1,4}\s*(?:号楼|號樓|栋|棟|幢|单元|單元)/u, // 5 号楼, 3 单元
  /\d{1,5}\s*(?:室|房)(?![\p{Script=Han}])/u, // 1203 室
  /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd)\b/u,
];
// Mainland providers, by the domains people use (mail.qq.com, 163/126/yeah of NetEase, Sina, Sohu, Aliyun, China Mobile's 139, ...).
const MAINLAND_MAIL =
  /@(?:(?:vip\.)?qq|foxmail|(?:vip\.)?163|(?:vip\.)?126|yeah|188|sina|vip\.sina|sohu|aliyun|139|189|wo|21cn|tom)\.(?:com|cn|net|com\.cn)\b/iu;

/** The kinds of identifying detail in the declaration's free text and its contact address, each once. */
export function identifyingKinds(texts: readonly (string | null | undefined)[], contact?: string | null): IdentifyingKind[] {
  const text = texts.filter((part): part is string => typeof part === 'string').join('\n');
  const found = new Set<IdentifyingKind>();
  if (ID_NUMBER.test(text)) found.add('idNumber');
  // An ID number is also a long run of digits: count it as a phone number only if a number remains.
  const withoutIds = text.replace(new RegExp(ID_NUMBER.source, 'gu'), ' ');
  if (PHONE.some((pattern) => pattern.test(withoutIds))) found.add('phone');
  if (ADDRESS.some((pattern) => pattern.test(text))) found.add('address');
  if (MAINLAND_MAIL.test(text) || (contact && MAINLAND_MAIL.test(contact))) found.add('mainlandMail');
  return IDENTIFYING_KINDS.filter((kind) => found.has(kind));
}
