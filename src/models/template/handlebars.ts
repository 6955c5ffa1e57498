import type { LibraryModel } from '../../core/index.js';

/** handlebars: `new SafeString(x)` marks x as HTML (no escaping); compiling input is template injection. */
export const handlebarsModel: LibraryModel = {
  id: 'handlebars',
  description: 'handlebars: SafeString as XSS sink, compile() of input as code injection',
  sinks: ['handlebars', 'hbs'].flatMap((module) => [
    { root: { module }, path: 'Member[SafeString].Argument[0]', kind: 'xss' as const, description: 'new Handlebars.SafeString()' },
    {
      root: { module },
      path: 'Member[compile,precompile].Argument[0]',
      kind: 'code-injection' as const,
      description: 'Handlebars.compile()',
    },
    {
      root: { module },
      path: 'Member[handlebars].Member[SafeString].Argument[0]',
      kind: 'xss' as const,
      description: 'new hbs.handlebars.SafeString()',
    },
  ]),
  sanitizers: [
    { root: { module: 'handlebars' }, path: 'Member[escapeExpression].ReturnValue', kinds: ['xss'], description: 'Handlebars.escapeExpression()' },
    {
      root: { module: 'handlebars' },
      path: 'Member[Utils].Member[escapeExpression].ReturnValue',
      kinds: ['xss'],
      description: 'Handlebars.Utils.escapeExpression()',
    },
  ],
};
