'use strict';
// The app's own tsc compiles this plugin's server (see scripts/build-server.js); Strapi loads the output.
module.exports = require('../../../dist/src/plugins/booking/server/src').default;
