'use strict';
// Where the MariaDB/Redis test services are (the machine defaults; override by environment).
module.exports = {
  adminConnection: () => ({
    host: process.env.TEST_MYSQL_HOST || '127.0.0.1',
    port: Number(process.env.TEST_MYSQL_PORT || 3306),
    user: process.env.TEST_MYSQL_USER || 'root',
    password: process.env.TEST_MYSQL_PASSWORD || '',
  }),
  redisUrl: () => process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
};
