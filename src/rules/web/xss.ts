import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data written into an HTML response without encoding (CWE-79). */
export const xss = createRule({
  id: 'xss',
  meta: {
    description: 'Detect untrusted data written into an HTML response without encoding',
    severity: 'high',
    cwe: ['CWE-79'],
    status: 'experimental',
    sinkKinds: ['xss'],
    messages: {
      taintedHtml: 'HTML built from {{source}} is sent by {{sink}} without encoding.',
      taintedUrlAttribute: 'A URL from {{source}} is written into {{sink}}: HTML escaping does not stop `javascript:` URLs.',
    },
    explanation:
      "Markup from the request (`<script>`, `<img onerror=…>`) runs in the victim's browser with the site's origin: " +
      'the attacker steals sessions and CSRF tokens, acts as the user, or rewrites the page.',
    fix:
      'Render HTML with a template engine that escapes by default (ejs `<%=`, pug, handlebars `{{ }}`), or encode ' +
      'each value with `escape-html`/`he.encode` for its context; sanitise rich text with DOMPurify or ' +
      'sanitize-html. A URL attribute (`href`, `src`) also needs its scheme checked (only `http:`/`https:` or a ' +
      'relative path) or the value percent-encoded with `encodeURIComponent`. Send data as JSON (`res.json`) and ' +
      'set a Content-Security-Policy as a second line of defence.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, flow.details?.context === 'url-attribute' ? 'taintedUrlAttribute' : 'taintedHtml');
    },
  }),
});
