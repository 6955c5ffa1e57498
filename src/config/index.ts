export { DEFAULT_CONFIG, DEFAULT_EXCLUDES, DEFAULT_INCLUDES, DEFAULT_MAX_FILE_BYTES } from './config.js';
export type { AiBudgetBlock, AiConfigBlock, AiProviderBlock, AssetConfig, OptInSource, SlaConfig, YaguraConfig } from './config.js';
export { CONFIG_FILE_NAMES, loadConfig, parseConfigText } from './load-config.js';
export type { LoadedConfig } from './load-config.js';
