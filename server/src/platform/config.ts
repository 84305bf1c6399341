import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const duration = z.coerce.number().int().positive();

/** Every setting comes from the environment; the README documents each one. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, '必须以 mongodb:// 开头')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('gongzhi'),
  DATA_DIR: z.string().min(1).default('.data'),
  JWT_SECRET: z.string().min(16).default('dev-only-secret-change-me-please'),
  PII_SECRET: z.string().min(16).default('dev-only-pii-secret-change-me'),
  ACCESS_TOKEN_TTL: duration.default(900),
  REFRESH_TOKEN_TTL: duration.default(30 * 24 * 3600),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().default('wx0000000000000000'),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_TEMPLATE_NOTICE: z.string().default('notice-template-id'),
  DEV_LOGIN: bool.default(false),
  SEED_DEMO: bool.default(false),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('256kb'),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().max(50).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//)
    .optional(),
  /** Database commands slower than this are logged at warn with their filter's shape (0: off). */
  DB_SLOW_MS: z.coerce.number().int().min(0).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  H5_DIR: z.string().default('miniprogram/dist/h5'),
  JOBS: bool.default(true),
  /** Reverse proxies in front of the server whose X-Forwarded-For is trusted (0: none, use the socket address). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  SHUTDOWN_GRACE_MS: duration.default(10000),
  /** Starts the roster parser's worker after start-up (roster/import/readFile.ts); unset: on, except NODE_ENV=test. */
  WARM_PARSER: bool.optional(),
  /** Ballot log entries per page (consultations/logPages.ts); small values only to exercise pages in tests. */
  BALLOT_LOG_PAGE: z.coerce.number().int().min(2).max(2000).default(500),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws one line naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`配置错误 invalid config: ${name}=${JSON.stringify(env[name] ?? '')} — ${issue.message}`);
  }
  const cfg = parsed.data;
  // One leaked secret must not give away the other: tokens and PII digests are keyed apart.
  if (cfg.JWT_SECRET === cfg.PII_SECRET) throw new ConfigError('配置错误 invalid config: JWT_SECRET must differ from PII_SECRET');
  if (cfg.NODE_ENV === 'production') {
    if (cfg.DEV_LOGIN) throw new ConfigError('配置错误 invalid config: DEV_LOGIN must be false when NODE_ENV=production');
    if (cfg.JWT_SECRET.startsWith('dev-only')) throw new ConfigError('配置错误 invalid config: JWT_SECRET must be set in production');
    if (cfg.PII_SECRET.startsWith('dev-only')) throw new ConfigError('配置错误 invalid config: PII_SECRET must be set in production');
  }
  return cfg;
}

export function corsOrigins(cfg: Config): string[] {
  return cfg.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
