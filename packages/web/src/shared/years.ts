/** The years the UI offers: the two before this one and this one (the rosters' span). */
export function recentYears(): number[] {
  const year = new Date().getFullYear();
  return [year - 2, year - 1, year];
}
