export declare const repoRoot: string;
export declare function mediasoupPackageDir(root?: string): string;
export declare function installedMediasoupVersion(root?: string): string | undefined;
export declare function cacheDir(env?: NodeJS.ProcessEnv): string;
export declare function cachedWorkerPath(version: string, env?: NodeJS.ProcessEnv): string;
export declare function prebuiltWorkerPath(root?: string): string;
export interface WorkerBinary {
  path: string;
  source: 'env' | 'prebuilt' | 'cache';
}
export declare function findWorkerBinary(options?: { root?: string; env?: NodeJS.ProcessEnv }): WorkerBinary | undefined;
export declare const MISSING_WORKER_HELP: string;
