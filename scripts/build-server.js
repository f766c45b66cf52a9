'use strict';
const { compileServer } = require('./lib');
compileServer();
