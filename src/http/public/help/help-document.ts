/**
 * A help page's text (terms, privacy, about): sections of paragraphs and lists, and now and then a
 * link to another page of the site, given as the path after the locale prefix (/receipt).
 */
interface HelpSection {
  heading: string;
  paragraphs?: readonly string[];
  items?: readonly string[];
  link?: { label: string; path: string };
}

export interface HelpDocument {
  title: string;
  lead: string;
  sections: readonly HelpSection[];
  /** A closing line, such as when the text took effect. */
  footnote?: string;
}
