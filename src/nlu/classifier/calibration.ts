/** Mean negative log-likelihood of the true classes under softmax(scores / temperature). */
export function temperatureLoss(scores: readonly Float64Array[], labels: ArrayLike<number>, temperature: number): number {
  let total = 0;
  scores.forEach((row, i) => {
    let max = -Infinity;
    for (const s of row) if (s / temperature > max) max = s / temperature;
    let sum = 0;
    for (const s of row) sum += Math.exp(s / temperature - max);
    total += Math.log(sum) + max - row[labels[i]] / temperature;
  });
  return total / scores.length;
}

/**
 * Temperature scaling (Guo et al. 2017): the one scalar T that makes softmax(scores / T) best fit held-out
 * labels. It does not change the ranking, only how confident the top answer claims to be.
 * Golden-section search on log T over [1e-3, 1e3]; the loss is unimodal in T.
 */
export function fitTemperature(scores: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = temperatureLoss(scores, labels, Math.exp(a));
  let fb = temperatureLoss(scores, labels, Math.exp(b));
  for (let step = 0; step < 60; step++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = temperatureLoss(scores, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = temperatureLoss(scores, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
