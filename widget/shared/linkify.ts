// Splits plain text into text and http(s) link segments. Rendering builds text nodes and <a>
// elements from these, never HTML, so a message can never inject markup.

export type Segment = {text: string; href?: undefined} | {text: string; href: string};

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING = '.,;:!?)]}\'"»';

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    while (TRAILING.includes(url[url.length - 1])) {
      // Keep a closing parenthesis that balances one inside the URL (Wikipedia-style links).
      if (url.endsWith(')') && url.split('(').length >= url.split(')').length) break;
      url = url.slice(0, -1);
    }
    const href = safeHref(url);
    if (!href) continue;
    if (m.index > last) out.push({text: text.slice(last, m.index)});
    out.push({text: url, href});
    last = m.index + url.length;
  }
  if (last < text.length) out.push({text: text.slice(last)});
  return out;
}

/** The normalised URL when it parses as http or https; undefined otherwise. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
