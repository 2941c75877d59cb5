import { SCENARIOS } from './scenario-data.js';
import { describeScenariosOverHttp } from './scenario-http.js';

// The week has a file of its own so that vitest runs it beside the others.
describeScenariosOverHttp(SCENARIOS.filter((name) => name !== 'week'));
