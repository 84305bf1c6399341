import type { Config } from '../platform/config';

/** Identity settings taken from the process config when the routes are built (see routes.ts). */
export interface IdentitySettings {
  piiSecret: string;
  accessTtl: number;
  refreshTtl: number;
  devLogin: boolean;
}

let current: IdentitySettings = {
  piiSecret: process.env.PII_SECRET ?? 'dev-only-pii-secret-change-me',
  accessTtl: 900,
  refreshTtl: 30 * 24 * 3600,
  devLogin: false,
};

export function configureIdentity(cfg: Config) {
  current = { piiSecret: cfg.PII_SECRET, accessTtl: cfg.ACCESS_TOKEN_TTL, refreshTtl: cfg.REFRESH_TOKEN_TTL, devLogin: cfg.DEV_LOGIN };
}

export function identitySettings(): IdentitySettings {
  return current;
}
