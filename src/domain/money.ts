const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', trailingZeroDisplay: 'stripIfInteger' });

/** Cents as people write dollars: 52_000_000 → '$520,000', 1_250_050 → '$12,500.50'. */
export function formatMoney(cents: number): string {
  return usd.format(cents / 100);
}
