export declare function chineseFontFamilies(env?: NodeJS.ProcessEnv): string[];
export declare const CHINESE_FONT_PACKAGES: string[];
