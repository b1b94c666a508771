import { describeScreens } from './screens-support.js';

describeScreens('narrow');
