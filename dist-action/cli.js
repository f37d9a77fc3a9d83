#!/usr/bin/env node
'use strict';
// FlowGuard's command line, for the steps after the action: its `cli` output names this file.
require('./flowguard.js').cli();
