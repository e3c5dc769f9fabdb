/**
 * The path of a build of `entry` (relative to `root`) up to date with its sources, made or reused
 * under `cacheDir`; undefined when it cannot be built (the caller runs the entry through tsx).
 */
export function cachedBuild(root: string, entry: string, cacheDir?: string): Promise<string | undefined>;
