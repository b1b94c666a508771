import { resolve } from 'node:path';
import { devMailFolder } from './dev-mail.config.js';

describe('devMailFolder', () => {
  it('is the DEV_MAIL_DIR folder, made absolute, outside production', () => {
    expect(devMailFolder({ DEV_MAIL_DIR: '/tmp/mail', NODE_ENV: 'development' })).toBe('/tmp/mail');
    expect(devMailFolder({ DEV_MAIL_DIR: '.data/mail', NODE_ENV: 'test' })).toBe(
      resolve('.data/mail'),
    );
  });

  it('is off without DEV_MAIL_DIR', () => {
    expect(devMailFolder({ NODE_ENV: 'development' })).toBeUndefined();
    expect(devMailFolder({ DEV_MAIL_DIR: ' ', NODE_ENV: 'development' })).toBeUndefined();
  });

  it('is off in production even with DEV_MAIL_DIR', () => {
    expect(devMailFolder({ DEV_MAIL_DIR: '/tmp/mail', NODE_ENV: 'production' })).toBeUndefined();
  });
});
