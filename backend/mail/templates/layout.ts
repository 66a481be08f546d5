// The one email layout: the firm's name, logo and accent around a list of blocks, rendered
// twice from the same blocks, as HTML (tables and inline styles, what mail clients render) and
// as plain text. Every value placed in the HTML goes through escapeHtml.
import {escapeHtml as e} from '../../html.js';
import type {EmailLang} from './strings.js';

export interface Brand {
  name: string;
  logoUrl?: string | null;
  accent?: string | null;
}

export interface Link {
  href: string;
  label: string;
}

export type Block =
  | {kind: 'p'; text: string; strong?: boolean}
  | {kind: 'facts'; rows: [string, string][]}
  | {kind: 'button'; link: Link}
  | {kind: 'links'; label: string; links: Link[]}
  | {kind: 'note'; title: string; text: string}
  | {kind: 'code'; code: string}
  /** Lines kept as they are (a transcript). */
  | {kind: 'pre'; text: string}
  | {kind: 'small'; text: string; links?: Link[]};

export interface Rendered {
  html: string;
  text: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function onAccent(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function blockHtml(b: Block, accent: string, fg: string): string {
  switch (b.kind) {
    case 'p':
      return `<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${b.strong ? `<strong>${e(b.text)}</strong>` : e(b.text)}</p>`;
    case 'facts':
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 20px;width:100%;border-collapse:collapse">${b.rows.map(([k, v]) => `<tr><td style="padding:6px 12px 6px 0;color:#5f6368;font-size:14px;vertical-align:top;white-space:nowrap">${e(k)}</td><td style="padding:6px 0;font-size:16px;font-weight:600">${e(v)}</td></tr>`).join('')}</table>`;
    case 'button':
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:4px 0 24px"><tr><td style="border-radius:6px;background:${accent}"><a href="${e(b.link.href)}" style="display:inline-block;padding:12px 24px;font-size:16px;font-weight:600;color:${fg};text-decoration:none;border-radius:6px">${e(b.link.label)}</a></td></tr></table>`;
    case 'links':
      return `<p style="margin:0 0 8px;font-size:14px;color:#5f6368">${e(b.label)}</p><p style="margin:0 0 24px">${b.links.map((l) => `<a href="${e(l.href)}" style="display:inline-block;margin:0 8px 8px 0;padding:8px 14px;border:1px solid #c9ced6;border-radius:6px;font-size:14px;color:#1b1b1b;text-decoration:none">${e(l.label)}</a>`).join('')}</p>`;
    case 'note':
      return `<div style="margin:0 0 20px;padding:12px 16px;border-left:4px solid ${accent};background:#f5f7fa;font-size:15px;line-height:1.5"><strong>${e(b.title)}</strong><br>${e(b.text).replace(/\n/g, '<br>')}</div>`;
    case 'pre':
      return `<div style="margin:0 0 20px;padding:12px 16px;background:#f5f7fa;border-radius:6px;font-size:14px;line-height:1.5;white-space:pre-wrap;overflow-wrap:anywhere">${e(b.text)}</div>`;
    case 'code':
      return `<p style="margin:0 0 20px;font-size:32px;font-weight:700;letter-spacing:8px;font-family:ui-monospace,Menlo,Consolas,monospace">${e(b.code)}</p>`;
    case 'small':
      return `<p style="margin:0 0 12px;font-size:13px;line-height:1.5;color:#5f6368">${e(b.text)}${b.links?.length ? ` ${b.links.map((l) => `<a href="${e(l.href)}" style="color:#1b1b1b">${e(l.label)}</a>`).join(' · ')}` : ''}</p>`;
  }
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'p': return b.text;
    case 'facts': return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    case 'button': return `${b.link.label}: ${b.link.href}`;
    case 'links': return [`${b.label}:`, ...b.links.map((l) => `  ${l.label}: ${l.href}`)].join('\n');
    case 'note': return `${b.title}:\n${b.text}`;
    case 'code': return `    ${b.code}`;
    case 'pre': return b.text;
    case 'small': return [b.text, ...(b.links ?? []).map((l) => `  ${l.label}: ${l.href}`)].join('\n');
  }
}

export function renderEmail(opts: {brand: Brand; lang: EmailLang; title: string; blocks: Block[]; footer: string}): Rendered {
  const accent = opts.brand.accent && HEX.test(opts.brand.accent) ? opts.brand.accent : '#1f4e79';
  const fg = onAccent(accent);
  const logo = opts.brand.logoUrl && /^https:\/\//.test(opts.brand.logoUrl)
    ? `<img src="${e(opts.brand.logoUrl)}" alt="" height="32" style="height:32px;vertical-align:middle;margin-right:10px;border:0">` : '';
  const html = `<!doctype html>
<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(opts.title)}</title></head>
<body style="margin:0;padding:0;background:#eef1f5;color:#1b1b1b;font-family:${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#eef1f5"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:10px;overflow:hidden">
<tr><td style="background:${accent};color:${fg};padding:16px 24px;font-size:18px;font-weight:700">${logo}${e(opts.brand.name)}</td></tr>
<tr><td style="padding:28px 24px 12px">
${opts.blocks.map((b) => blockHtml(b, accent, fg)).join('\n')}
</td></tr>
<tr><td style="padding:16px 24px 24px;border-top:1px solid #e3e6ea;font-size:12px;line-height:1.5;color:#6b7280">${e(opts.footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
  const text = [opts.brand.name, '', ...opts.blocks.map(blockText).flatMap((t) => [t, '']), '--', opts.footer].join('\n');
  return {html, text};
}
