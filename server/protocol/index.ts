export * from './errors.ts';
export * from './result.ts';
export * from './media.ts';
export * from './handshake.ts';
export * from './accounts.ts';
export * from './cases.ts';
export * from './room.ts';
export * from './requests.ts';
