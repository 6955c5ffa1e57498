import type { LibraryModel } from '../../core/index.js';

/** HTML encoders and sanitizers: escape-html, he, DOMPurify, sanitize-html, xss (js-xss). */
export const htmlEscapeModel: LibraryModel = {
  id: 'html-escape',
  description: 'HTML encoders and sanitizers: escape-html, he, DOMPurify, sanitize-html, xss',
  sanitizers: [
    { root: { module: 'escape-html' }, path: 'ReturnValue', kinds: ['xss'], description: 'escape-html()' },
    { root: { module: 'he' }, path: 'Member[encode,escape].ReturnValue', kinds: ['xss'], description: 'he.encode()' },
    { root: { module: 'dompurify' }, path: 'Member[sanitize].ReturnValue', kinds: ['xss'], description: 'DOMPurify.sanitize()' },
    { root: { module: 'dompurify' }, path: 'ReturnValue.Member[sanitize].ReturnValue', kinds: ['xss'], description: 'DOMPurify(window).sanitize()' },
    { root: { module: 'isomorphic-dompurify' }, path: 'Member[sanitize].ReturnValue', kinds: ['xss'], description: 'DOMPurify.sanitize()' },
    { root: { module: 'sanitize-html' }, path: 'ReturnValue', kinds: ['xss'], description: 'sanitize-html()' },
    { root: { module: 'xss' }, path: 'ReturnValue', kinds: ['xss'], description: 'filterXSS()' },
    { root: { module: 'xss' }, path: 'Member[filterXSS].ReturnValue', kinds: ['xss'], description: 'filterXSS()' },
    { root: { module: 'entities' }, path: 'Member[encode,encodeHTML,escape,escapeUTF8].ReturnValue', kinds: ['xss'], description: 'entities.encode()' },
  ],
};
