import type { ProviderSettings } from '../ai-config.js';
import type { ModelProvider, Sleep } from '../types.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { createOpenAiProvider } from './openai-provider.js';

/** The provider for `settings.kind`. */
export function createProvider(settings: ProviderSettings, options: { readonly sleep: Sleep }): ModelProvider {
  return settings.kind === 'anthropic' ? createAnthropicProvider(settings, options) : createOpenAiProvider(settings, options);
}
