/**
 * The demo SKO's agenda, as the content lead would import it, and how the demo company rates its
 * sessions in the post-event survey: the same every run, so the figures can be checked.
 */
export const DEMO_AGENDA_CSV = `day,start,end,title,kind,format,speakers,takeaways,next_steps
1,09:00,10:30,FY27: one narrative,strategy,interactive,Elena Vasquez,The three bets;What did not work last year,Team talk track by Friday
1,11:00,12:30,Territory and quota rollout,planning,workshop,Dana Whitfield,Your territory and quota,Account plans in week 11
2,09:00,12:00,Discovery role-plays,training,role-play,Priya Raman;Owen Park,The discovery standard,Certify by week 11
2,19:00,22:00,Team dinner,social,interactive,,,
`;

/** Ratings of the sessions asked about (question ids in survey order): mostly 4s and 5s; every sixth person skips the last one. */
export function demoSessionRatings(index: number, questionIds: readonly string[]): Record<string, string> {
  const ratings: Record<string, string> = {};
  questionIds.forEach((id, k) => {
    if (index % 6 === 1 && k === questionIds.length - 1) return;
    ratings[id] = String([5, 4, 4, 3, 5, 4][(index + k) % 6]);
  });
  return ratings;
}
