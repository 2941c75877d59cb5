import { describeScenariosOverHttp } from './scenario-http.js';

describeScenariosOverHttp(['week']);
