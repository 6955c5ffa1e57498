/** A CodeQL-shaped SARIF 2.1.0 log with `results` results over `files` files, for the import benchmark. */
export function generateCodeqlSarif(results: number, files: number): string {
  const rules = [
    { id: 'js/sql-injection', tags: ['security', 'external/cwe/cwe-089'], severity: '8.8' },
    { id: 'js/command-line-injection', tags: ['security', 'external/cwe/cwe-078'], severity: '9.8' },
    { id: 'js/path-injection', tags: ['security', 'external/cwe/cwe-022'], severity: '7.5' },
    { id: 'js/reflected-xss', tags: ['security', 'external/cwe/cwe-079'], severity: '6.1' },
  ].map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: `${r.id} query` },
    fullDescription: { text: `Results of ${r.id}.` },
    defaultConfiguration: { enabled: true, level: 'error' },
    properties: { tags: r.tags, kind: 'path-problem', precision: 'high', 'security-severity': r.severity },
  }));
  const out: unknown[] = [];
  for (let i = 0; i < results; i++) {
    const ruleIndex = i % rules.length;
    const file = `src/gen/file-${i % files}.js`;
    const line = 1 + Math.floor(i / files);
    out.push({
      ruleId: rules[ruleIndex]?.id,
      rule: { id: rules[ruleIndex]?.id, index: ruleIndex, toolComponent: { index: 0 } },
      message: { text: `This value depends on a [user-provided value](1) (${i}).` },
      locations: [{ physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: { startLine: line, startColumn: 3, endColumn: 20 } } }],
      partialFingerprints: { primaryLocationLineHash: `${i.toString(16).padStart(16, '0')}:1` },
      codeFlows: [
        {
          threadFlows: [
            {
              locations: [
                { location: { physicalLocation: { artifactLocation: { uri: 'src/routes.js' }, region: { startLine: 1 + (i % 500), startColumn: 5 } }, message: { text: 'req.query.x' } } },
                { location: { physicalLocation: { artifactLocation: { uri: file }, region: { startLine: line, startColumn: 3 } }, message: { text: 'input' } } },
              ],
            },
          ],
        },
      ],
    });
  }
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'CodeQL', semanticVersion: '2.17.6', rules: [] }, extensions: [{ name: 'codeql/javascript-queries', rules }] },
        results: out,
        columnKind: 'utf16CodeUnits',
      },
    ],
  });
}
