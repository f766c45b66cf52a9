'use strict';
// The app's own tsc compiles this plugin's server (scripts/build-server.js); Strapi loads the output.
// STUDYROOM_DIST_DIR lets several checkouts/test runs keep separate compiled trees.
const path = require('path');

const dist = process.env.STUDYROOM_DIST_DIR || path.join(__dirname, '..', '..', '..', 'dist');
module.exports = require(path.join(dist, 'src', 'plugins', 'booking', 'server', 'src')).default;
