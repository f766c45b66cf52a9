'use strict';
// Drop the MariaDB databases this run created (sr_t_<run>_*); SQLite files live in tests/.artifacts.
module.exports = async () => {
  if (process.env.TEST_DB !== 'mariadb' || process.env.KEEP_TEST_DATABASES === 'true') return;
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection(require('./db-config').adminConnection());
  try {
    const [rows] = await conn.query('SHOW DATABASES LIKE ?', [`sr_t_${process.env.TEST_RUN_ID}_%`]);
    for (const row of rows) await conn.query(`DROP DATABASE \`${Object.values(row)[0]}\``);
  } finally {
    await conn.end();
  }
};
