import { describeScreens } from './screens-support.js';

describeScreens('desktop');
