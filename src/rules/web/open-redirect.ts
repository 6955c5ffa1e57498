import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data choosing a redirect target (CWE-601). */
export const openRedirect = createRule({
  id: 'open-redirect',
  meta: {
    description: 'Detect untrusted data choosing the target of an HTTP redirect',
    severity: 'medium',
    cwe: ['CWE-601'],
    status: 'experimental',
    sinkKinds: ['open-redirect'],
    messages: { taintedRedirect: 'Redirect target from {{source}} is used by {{sink}}.' },
    explanation:
      "A link on the trusted domain sends the victim to the attacker's site (`/login?next=https://evil.example`), " +
      'which makes phishing convincing and can leak OAuth codes or tokens carried in the redirect.',
    fix:
      'Redirect only to paths you know: map a key to a URL, or accept a relative path that starts with a single ' +
      "`/` (reject `//` and `/\\`) and compare the parsed origin with your own. Do not rely on `startsWith('/')` alone.",
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedRedirect');
    },
  }),
});
