export declare function requiredNodeMajor(root?: string): number;
export declare function projectNodeBinary(root?: string): string | undefined;
export declare function nodeTooOld(version: string, required?: number): string | undefined;
export declare function nodeMajor(version: string): number;
