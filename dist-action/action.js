'use strict';
// action.yml's Lint step runs this file. FlowGuard itself is flowguard.js beside it, a bundle
// that `npm run build:action` makes from the sources (action/, cli/, core/, rules/).
require('./flowguard.js').action();
