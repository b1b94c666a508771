import { DAY, MINUTE, type SeededRandom } from './demo-random.js';

/** The demo's time: working-hours moments relative to the day of the seed, drawn from its generator. */
export class DemoClock {
  readonly today: number;

  constructor(
    private readonly random: SeededRandom,
    readonly now: number,
  ) {
    this.today = Math.floor(now / DAY) * DAY;
  }

  /** A working-hours moment `daysAgo` days before today, moved off weekends (backwards). */
  moment(daysAgo: number): number {
    let day = this.today - daysAgo * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day -= DAY;
    if (weekday === 0) day -= 2 * DAY;
    return day + this.random.int(7 * 60 + 30, 16 * 60 + 30) * MINUTE;
  }

  /** A moment between `minDays` and `maxDays` after `from`, or null when it would be in the future. */
  later(from: number, minDays: number, maxDays: number): number | null {
    const daysAgo = Math.floor((this.today - Math.floor(from / DAY) * DAY) / DAY);
    let at = this.moment(daysAgo - this.random.int(minDays, maxDays));
    if (at <= from) at = from + this.random.int(5, 90) * MINUTE;
    return at < this.now - 5 * MINUTE ? at : null;
  }

  /** A slot on a weekday `daysAhead` days from now, on the quarter hour. */
  upcoming(daysAhead: number): number {
    let day = this.today + daysAhead * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day += 2 * DAY;
    if (weekday === 0) day += DAY;
    return day + this.random.pick([450, 480, 510, 540, 570, 720, 750, 780, 810, 840]) * MINUTE;
  }
}
