import { describe, expect, it } from 'vitest';
import { assertStartable, ConfigError, loadConfig, productionRefusals } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has working defaults: production mode, development rooms off, one worker per core', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.mode).toBe('production');
    expect(config.devRooms).toBe(false);
    expect(config.media.workerCount).toBeGreaterThanOrEqual(1);
    expect(config.media.rtcMinPort).toBe(40000);
    expect(config.media.rtcMaxPort).toBe(40999);
  });

  it('opens development rooms in demo mode unless configured otherwise', () => {
    expect(loadConfig({ APP_MODE: 'demo' }).devRooms).toBe(true);
    expect(loadConfig({ APP_MODE: 'demo', DEV_ROOMS: '0' }).devRooms).toBe(false);
    expect(loadConfig({ DEV_ROOMS: 'true' }).devRooms).toBe(true);
  });

  it('announces an explicit address for deployments behind NAT', () => {
    const config = loadConfig({ MEDIA_LISTEN_IP: '10.0.0.5', MEDIA_ANNOUNCED_ADDRESS: 'media.example.org', MEDIA_WORKERS: '3' });
    expect(config.media.listenIp).toBe('10.0.0.5');
    expect(config.media.announcedAddress).toBe('media.example.org');
    expect(config.media.workerCount).toBe(3);
  });

  it('allows the socket origins of PUBLIC_URL and ALLOWED_ORIGINS, and refuses a list that is not origins', () => {
    expect(loadConfig({}).realtime.allowedOrigins).toEqual([]);
    const config = loadConfig({ PUBLIC_URL: 'https://tiaojie.example.gov.cn/app/', ALLOWED_ORIGINS: ' https://a.example.org, http://10.0.0.5:8080 ' });
    expect(config.realtime.allowedOrigins).toEqual(['https://tiaojie.example.gov.cn', 'https://a.example.org', 'http://10.0.0.5:8080']);
    for (const bad of ['a.example.org', 'https://a.example.org/path', 'ftp://a.example.org', '*']) {
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad }), bad).toThrow(/ALLOWED_ORIGINS/);
    }
  });

  it('has rate limits that a tab joining media stays well within', () => {
    const { realtime } = loadConfig({ CHAT_LINES_PER_MINUTE: '30' });
    expect(realtime.requests.capacity).toBeGreaterThanOrEqual(40);
    expect(realtime.chat.refillPerSecond).toBe(0.5);
    expect(realtime.socketsPerPrincipal).toBeGreaterThan(1);
  });

  it('shares Socket.IO broadcasts through Redis when Redis is configured, unless told otherwise', () => {
    expect(loadConfig({}).socketAdapter).toBe('memory');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).socketAdapter).toBe('redis');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', SOCKET_ADAPTER: 'memory' }).socketAdapter).toBe('memory');
    expect(() => loadConfig({ SOCKET_ADAPTER: 'redis' })).toThrowError(/SOCKET_ADAPTER=redis needs REDIS_URL/);
  });

  it('announces nothing extra when listening on a specific address', () => {
    expect(loadConfig({ MEDIA_LISTEN_IP: '127.0.0.1' }).media.announcedAddress).toBeUndefined();
  });

  it('announces a concrete address when listening on the wildcard', () => {
    const announced = loadConfig({ MEDIA_LISTEN_IP: '0.0.0.0' }).media.announcedAddress;
    expect(announced).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(announced).not.toBe('0.0.0.0');
  });

  it('refuses bad values with a readable list naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', MEDIA_LISTEN_IP: 'not-an-ip', MEDIA_WORKERS: '0' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', MEDIA_LISTEN_IP: 'not-an-ip', MEDIA_WORKERS: '0' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('MEDIA_LISTEN_IP');
      expect(message).toContain('MEDIA_WORKERS');
    }
  });

  it('refuses an inverted RTC port range', () => {
    expect(() => loadConfig({ RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' })).toThrowError(/RTC_MIN_PORT/);
  });
});

describe('production is explicit and safe', () => {
  const ready = { APP_MODE: 'production', PUBLIC_URL: 'https://tiaojie.example.org', SECRETS_FILE: '/etc/mediation-room/keys.json' };

  it('starts with an https PUBLIC_URL and a key file', () => {
    expect(productionRefusals(loadConfig(ready))).toEqual([]);
    expect(() => assertStartable(loadConfig(ready))).not.toThrow();
  });

  it('refuses without PUBLIC_URL, with an http one, and without SECRETS_FILE: one line each', () => {
    expect(productionRefusals(loadConfig({ ...ready, PUBLIC_URL: undefined }))).toEqual([expect.stringMatching(/^PUBLIC_URL must be the https:\/\//)]);
    expect(productionRefusals(loadConfig({ ...ready, PUBLIC_URL: 'http://tiaojie.example.org' }))).toEqual([expect.stringMatching(/^PUBLIC_URL/)]);
    expect(productionRefusals(loadConfig({ ...ready, SECRETS_FILE: undefined }))).toEqual([expect.stringMatching(/^SECRETS_FILE must name the key file/)]);
    expect(productionRefusals(loadConfig({ APP_MODE: 'production' }))).toHaveLength(2);
    expect(() => assertStartable(loadConfig({}))).toThrowError(ConfigError);
    expect(() => assertStartable(loadConfig({}))).toThrowError(/Refusing to start in production:\n {2}PUBLIC_URL.*\n {2}SECRETS_FILE/);
  });

  it('refuses development rooms in production', () => {
    expect(productionRefusals(loadConfig({ ...ready, DEV_ROOMS: '1' }))).toEqual([expect.stringMatching(/^DEV_ROOMS cannot be on in production/)]);
  });

  it('lets a demo start without any of it, bound to loopback unless HOST is given', () => {
    expect(productionRefusals(loadConfig({ APP_MODE: 'demo' }))).toEqual([]);
    expect(loadConfig({ APP_MODE: 'demo' }).host).toBe('127.0.0.1');
    expect(loadConfig({ APP_MODE: 'demo', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).host).toBe('0.0.0.0');
  });
});
