import { IDOR_CLAIM } from './planted-idor.js';
import type { ReceivedRequest, ScriptedTurn } from './scripted-turns.js';

/**
 * A model that behaves by request: ranks src/lib/accounts.js, reads it, reports the planted IDOR, finishes;
 * answers triage with a verdict and a threat-model request with a Markdown document.
 */
export function scriptedHuntModel(request: ReceivedRequest): ScriptedTurn {
  const system = JSON.stringify(request.body.system ?? request.body.messages);
  const turns = Array.isArray(request.body.messages) ? request.body.messages.length : 0;
  const tokens = { inputTokens: 100, outputTokens: 50 };
  if (system.includes('rank the attack surface')) {
    return { text: JSON.stringify({ targets: [{ file: 'src/lib/accounts.js', focus: 'getAccountSummary', reason: 'account data by id' }] }), ...tokens };
  }
  if (system.includes('vulnerability hunter')) {
    if (turns <= 1) return { toolCalls: [{ name: 'read_file', input: { path: 'src/lib/accounts.js' } }], ...tokens };
    if (turns <= 3) return { toolCalls: [{ name: 'report_finding', input: IDOR_CLAIM }], ...tokens };
    return { toolCalls: [{ name: 'finish', input: {} }], ...tokens };
  }
  if (system.includes('You triage')) {
    return { text: JSON.stringify({ verdict: 'true-positive', confidence: 0.8, reasoning: 'Request data reaches the sink unchanged.' }), ...tokens };
  }
  if (system.includes('threat model')) {
    if (turns <= 1) return { toolCalls: [{ name: 'list_files', input: {} }], ...tokens };
    return { text: '# Threat model\n\n## Entry points\n- src/server.js routes\n\n## Trust boundaries\n- customers vs. the API\n\n## Assets at risk\n- balances\n\n## Assumptions\n- none\n', ...tokens };
  }
  return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'unexpected request' } } };
}
