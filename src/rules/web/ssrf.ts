import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data choosing where the server sends a request (CWE-918). */
export const ssrf = createRule({
  id: 'ssrf',
  meta: {
    description: 'Detect untrusted data controlling the URL of a server-side request',
    severity: 'high',
    cwe: ['CWE-918'],
    status: 'experimental',
    sinkKinds: ['ssrf'],
    messages: {
      taintedUrl: 'Request URL built from {{source}} is fetched by {{sink}}.',
      defaultHost:
        'Request URL from {{source}} is resolved against the hard-coded host {{host}} and fetched by {{sink}}: a relative ' +
        'URL becomes a request to this machine.',
    },
    explanation:
      'The server makes the request from inside the network: the attacker reaches internal services and cloud ' +
      'metadata endpoints (`http://169.254.169.254/` yields credentials), scans ports, or abuses the trust other ' +
      'systems place in the server.',
    fix:
      'Fix the scheme and host in code and let input choose only a path segment or query value ' +
      '(`encodeURIComponent`). When the host must vary, parse the URL and compare `hostname` against an allow-list, ' +
      'resolve DNS once and refuse private, loopback and link-local addresses, and disable redirects. ' +
      "`validator.isURL` checks syntax only. A library resolving its caller's URL should not supply a default host: " +
      'parse with `new URL(url)` (no base) and refuse relative URLs, or resolve only against a base the caller configured.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      // The engine moves a caller's URL resolved against a loopback base to the resolution (default-host.ts).
      const host = flow.details?.defaultHost;
      if (typeof host === 'string') reportFlow(context, flow, 'defaultHost', { host: `'${host}'` });
      else reportFlow(context, flow, 'taintedUrl');
    },
  }),
});
