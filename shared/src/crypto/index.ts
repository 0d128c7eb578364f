export * from './sodium';
export * from './login-keys';
export * from './identity';
export * from './statements';
export * from './sealing';
export * from './password-strength';
export * from './recovery-code';
export * from './account-keys';
