/**
 * Yagura's static analysis engine: parse JavaScript/TypeScript, build the program model, follow
 * taint from sources to sinks across functions and files, hand flows to rules. Pure: files in,
 * `AnalysisResult` out.
 */
export { analyze, analyzeParsed, analyzePart, buildProgram } from './analyze.js';
export type { PartOptions, PreparsedInput, ProgramModel } from './analyze.js';
export { BUILTIN_MODELS } from './builtin-models.js';
export { callersOf, calleesOf, importsOf } from './program/call-graph.js';
export type { CallGraphFunction } from './program/call-graph.js';
export { isSourcePath, lineOf, parseFiles, parseSource } from './parse/parse-files.js';
export type { ParsedFile, ParseOutcome } from './parse/parse-files.js';
export { resolveModule } from './program/resolve-module.js';
export type { Resolution, ResolutionContext } from './program/resolve-module.js';
export { isProvablyLinear } from './regex/linear-proof.js';
export { findPolynomialOverlap } from './regex/overlap-check.js';
export type { OverlapVerdict } from './regex/overlap-check.js';
export { isLinearTimeRegex, isTriviallyLinear } from './regex/linear-time.js';
