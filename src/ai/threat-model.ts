import { runAgent } from './agent-loop.js';
import { ModelOutputError } from './errors.js';
import type { ModelGateway } from './model-gateway.js';
import type { ProjectSnapshot } from './project-snapshot.js';
import { createProjectTools } from './project-tools.js';

/** File name of the threat model at the project root; the team edits it and hunters read it. */
export const THREAT_MODEL_FILE = 'THREAT_MODEL.md';

const THREAT_MODEL_SYSTEM = `You write the threat model of a code base before a security review. Read the code with the tools, then reply
with a Markdown document (no tool call in that final reply) with exactly these sections:
# Threat model
## Entry points   (where attacker-controlled data enters: routes, exported functions, CLI arguments, message handlers; file:line)
## Trust boundaries   (who is trusted on each side: anonymous users, signed-in customers, admins, partners, the database)
## Assets at risk   (money, personal data, credentials, availability), and for each the entry points that reach it
## Assumptions   (what you assumed and could not check)`;

/**
 * Ask the model (with the read-only code tools) for entry points, trust boundaries and assets at risk, as
 * Markdown for THREAT_MODEL.md.
 */
export async function generateThreatModel(options: { readonly gateway: ModelGateway; readonly snapshot: ProjectSnapshot }): Promise<string> {
  const outcome = await runAgent({
    gateway: options.gateway,
    purpose: 'threat-model',
    system: THREAT_MODEL_SYSTEM,
    prompt: `Project files:\n${options.snapshot.list().join('\n')}\n\nWrite the threat model.`,
    tools: createProjectTools(options.snapshot),
    maxRounds: options.gateway.settings.hunt.maxRounds,
  });
  const text = outcome.finalText.trim();
  if (outcome.endedBy !== 'reply' || !text.startsWith('#')) {
    throw new ModelOutputError('The threat-model model did not reply with a Markdown document');
  }
  return `${text}\n`;
}
