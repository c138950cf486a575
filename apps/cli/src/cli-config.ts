import { loadConfig, type KetnapConfig } from '@ketnap/engine';

let loaded: KetnapConfig | undefined;

/**
 * The configuration of this run, read from the environment once: the logger set up at start and the
 * command run after it share one reading (and one look at the demo clock file). Bad configuration is
 * not kept: each call throws its `ConfigError` again, for the command to report.
 */
export const cliConfig = (): KetnapConfig => (loaded ??= loadConfig());
