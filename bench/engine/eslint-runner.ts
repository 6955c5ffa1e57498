import { Linter } from 'eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';

import type { PackageFiles } from './package-files.js';
import type { ToolFinding } from './score.js';
import type { VulnerabilityClass } from './vulnerability-class.js';
import type { ToolRun } from './yagura-runner.js';

/**
 * The class each eslint-plugin-security rule stands for. Rules absent here (`detect-buffer-noassert`,
 * `detect-new-buffer`, `detect-pseudoRandomBytes`, `detect-possible-timing-attacks`,
 * `detect-no-csrf-before-method-override`, `detect-bidi-characters`) map to no scored class.
 */
export const ESLINT_RULE_CLASSES: Readonly<Record<string, VulnerabilityClass>> = {
  'security/detect-child-process': 'command-injection',
  'security/detect-eval-with-expression': 'code-injection',
  'security/detect-non-literal-require': 'code-injection',
  'security/detect-non-literal-fs-filename': 'path-traversal',
  'security/detect-object-injection': 'prototype-pollution',
  'security/detect-unsafe-regex': 'redos',
  'security/detect-non-literal-regexp': 'redos',
  'security/detect-disable-mustache-escape': 'xss',
};

/** Classes of one ESLint message (none for unmapped rules and parse errors). */
export function classesOfEslintRule(ruleId: string | null): VulnerabilityClass[] {
  const cls = ruleId === null ? undefined : ESLINT_RULE_CLASSES[ruleId];
  return cls === undefined ? [] : [cls];
}

type SourceType = 'commonjs' | 'module';

/** Flat config: the plugin's recommended rules and nothing else. */
function configFor(path: string, sourceType: SourceType): Linter.Config[] {
  const isTs = path.endsWith('.ts');
  return [
    {
      ...security.configs.recommended,
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: isTs ? 'module' : sourceType,
        ...(isTs ? { parser: tseslint.parser } : {}),
      },
    },
  ];
}

function initialSourceType(path: string): SourceType {
  return path.endsWith('.mjs') || path.endsWith('.ts') ? 'module' : 'commonjs';
}

/**
 * Lint one package version with ESLint's Node API (`Linter`, flat config, eslint-plugin-security's
 * recommended rules). Files that fail to parse as CommonJS are retried as modules.
 */
export function runEslint(linter: Linter, files: PackageFiles): ToolRun {
  const findings: ToolFinding[] = [];
  const problems: string[] = [];
  const start = performance.now();
  for (const file of files.code) {
    const first = initialSourceType(file.path);
    let messages = linter.verify(file.text, configFor(file.path, first), { filename: file.path });
    if (messages.some((m) => m.fatal === true) && first === 'commonjs') {
      messages = linter.verify(file.text, configFor(file.path, 'module'), { filename: file.path });
    }
    for (const message of messages) {
      if (message.fatal === true) {
        problems.push(`PARSE_FAILED: ${file.path}:${message.line}: ${message.message}`);
        continue;
      }
      findings.push({
        file: file.path,
        line: message.line,
        classes: classesOfEslintRule(message.ruleId),
        ruleId: message.ruleId ?? 'unknown',
        message: message.message,
      });
    }
  }
  return { findings, millis: performance.now() - start, problems };
}

/** A linter instance for `runEslint` (reused across packages, as a real run would). */
export function createBenchLinter(): Linter {
  return new Linter({ configType: 'flat' });
}
