import type { LibraryModel } from '../../core/index.js';

/**
 * Next.js. Redirect helpers are sinks. Request objects of `pages/api` default exports and App Router
 * route handlers are not expressible as access paths from a module root (they are parameters of
 * functions the framework calls by file convention): see docs/rules/open-redirect.md.
 */
export const nextModel: LibraryModel = {
  id: 'next',
  description: 'Next.js: NextResponse.redirect, redirect() from next/navigation as open-redirect sinks',
  sinks: [
    {
      root: { module: 'next/server' },
      path: 'Member[NextResponse].Member[redirect,rewrite].Argument[0]',
      kind: 'open-redirect',
      description: 'NextResponse.redirect()',
    },
    {
      root: { module: 'next/navigation' },
      path: 'Member[redirect,permanentRedirect].Argument[0]',
      kind: 'open-redirect',
      description: 'redirect()',
    },
  ],
};
