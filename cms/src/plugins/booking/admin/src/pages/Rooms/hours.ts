/** "周一至周五 08:00–22:00；周六、周日 09:00–21:00": opening hours grouped by identical times. */
export function summariseHours(hours: { weekday: number; opens: string; closes: string }[], dayName: (d: number) => string): string {
  const byTime = new Map<string, number[]>();
  for (const h of [...hours].sort((a, b) => a.weekday - b.weekday)) {
    const key = `${h.opens}–${h.closes}`;
    byTime.set(key, [...(byTime.get(key) ?? []), h.weekday]);
  }
  return [...byTime.entries()]
    .map(([time, days]) => {
      const consecutive = days.length > 2 && days[days.length - 1] - days[0] === days.length - 1;
      const names = consecutive ? `${dayName(days[0])}–${dayName(days[days.length - 1])}` : days.map(dayName).join('、');
      return `${names} ${time}`;
    })
    .join('；');
}
