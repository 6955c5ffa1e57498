import type { SourceFile, ThreatModel } from '../../core/index.js';
import type { PackageInfo } from './resolve-module.js';

const APP_PATTERNS: readonly [RegExp, string][] = [
  [/\bexpress\s*\(\s*\)/, 'creates an Express app'],
  [/\b(?:http|https|http2)\.createServer\s*\(/, 'creates an HTTP server'],
  [/\bnew\s+Koa\s*\(/, 'creates a Koa app'],
  [/\b[Ff]astify\s*\(\s*[{)]/, 'creates a Fastify app'],
  [/\bHapi\.server\s*\(|new\s+Hapi\.Server\b/, 'creates a Hapi server'],
  [/\.listen\s*\(\s*(?:process\.env\.\w+|\d{2,5}|port\b|PORT\b)/, 'listens on a port'],
];

const IGNORED = /(^|\/)(node_modules|test|tests|__tests__|examples?|fixtures|bench)\//;

/**
 * Resolve `auto`: code that creates an HTTP server or framework app is an application (attackers send
 * requests); otherwise a package.json naming an entry point makes it a library (attackers control the
 * arguments of exported functions); with neither, application.
 */
export function detectThreatModel(files: readonly SourceFile[], root: PackageInfo | undefined): { threatModel: ThreatModel; reason: string } {
  for (const f of files) {
    if (IGNORED.test(f.path) || f.path.endsWith('.json')) continue;
    for (const [re, what] of APP_PATTERNS) {
      if (re.test(f.text)) return { threatModel: 'application', reason: `${f.path} ${what}` };
    }
  }
  if (root) {
    const entry = root.exportTargets[0] ?? root.main;
    return {
      threatModel: 'library',
      reason: `package.json${root.name ? ` of ${root.name}` : ''} declares ${entry ? `entry point ${entry}` : 'a package'} and no code creates a server`,
    };
  }
  return { threatModel: 'application', reason: 'no package.json entry point and no server creation found; defaulting to application' };
}
