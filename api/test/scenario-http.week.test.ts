import { describeScenariosOverHttp } from './scenario-http.js';

// The week shuffled and twice runs on PostgreSQL; PGlite gets it in order (its shuffled runs are
// the tiny and two-days scenarios' in scenario-http.test.ts), which keeps the suite's time.
describeScenariosOverHttp(['week'], { pglite: ['in order'] });
