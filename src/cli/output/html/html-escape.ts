const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Bidirectional controls (Trojan Source) and other invisible format characters that can disguise code. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
/** Control characters other than tab and line feed. */
const CONTROL = /[\p{Cc}]/gu;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Escape text for an HTML text node. Invisible and bidirectional characters are shown as a visible
 * `U+202E` marker, so a snippet cannot read differently from what the code does.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    .replace(INVISIBLE, (c) => `<span class="ctl">${codePoint(c)}</span>`)
    .replace(CONTROL, (c) => (c === '\t' || c === '\n' ? c : '\ufffd'));
}

/** Escape text for a double-quoted attribute value; invisible and control characters become U+FFFD. */
export function escapeAttribute(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    .replace(INVISIBLE, '\ufffd')
    .replace(CONTROL, '\ufffd');
}
