import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.timeZone).toBe('America/Sao_Paulo');
    expect(config.logLevel).toBe('info');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://radar@db:5432/radar',
      DATA_DIR: '/var/lib/radar',
      RADAR_ADMIN_TOKEN: 'a'.repeat(32),
      UMBLER_WEBHOOK_TOKEN: 'b'.repeat(32),
      RADAR_TIMEZONE: 'America/Manaus',
      LOG_LEVEL: 'debug',
      PUBLIC_URL: 'https://radar.example.com/',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://radar@db:5432/radar',
      dataDir: '/var/lib/radar',
      timeZone: 'America/Manaus',
      logLevel: 'debug',
      publicUrl: 'https://radar.example.com',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: must be a port number \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT: must be between 0 and 65535/],
    [
      { DATABASE_URL: 'mysql://x' },
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL/,
    ],
    [{ RADAR_TIMEZONE: 'Mars/Olympus' }, /RADAR_TIMEZONE: must be an IANA time zone/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ RADAR_ADMIN_TOKEN: 'short' }, /RADAR_ADMIN_TOKEN: must be at least 16 characters/],
    [{ PUBLIC_URL: 'radar' }, /PUBLIC_URL: must be an absolute URL/],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a secret in its error', () => {
    expect(() => loadConfig({ UMBLER_WEBHOOK_TOKEN: 'secret1' })).toThrow(/a value that is not shown/);
    expect(() => loadConfig({ UMBLER_WEBHOOK_TOKEN: 'secret1' })).not.toThrow(/secret1/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(4000);
  });
});
