import Decimal from 'decimal.js';

/**
 * decimal.js rounds every operation to 20 significant digits by default: too few for amounts of up
 * to 40 digits. Arithmetic on amounts uses this clone, exact far beyond any amount we accept.
 */
export const ExactDecimal = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_EVEN });
export type ExactDecimal = Decimal;
